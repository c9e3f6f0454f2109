/**
 * A small emulation of how the real server's Jackson reads and writes its model classes
 * (common/.../metadata/**): a `BeanSpec` lists a class's properties in declaration order
 * (superclass first, as Jackson orders them) with their Java type, field initializer and any
 * getter/setter logic. `readBean` turns request JSON into a "bean" (every property present,
 * null when unset) with Jackson's default coercions, or throws the 500 that Spring's
 * HttpMessageNotReadableException gives; `writeBean` produces the NON_NULL JSON object.
 * Unknown properties are dropped (FAIL_ON_UNKNOWN_PROPERTIES=false): the real server never
 * stores what its classes do not have.
 */
import { serverError } from '../http/api-error.js';

export type JavaType =
  | { kind: 'String' }
  | { kind: 'int' | 'long' | 'Integer' | 'Long' }
  | { kind: 'boolean' | 'Boolean' }
  | { kind: 'enum'; javaName: string; values: readonly string[] }
  | { kind: 'List'; of: JavaType }
  | { kind: 'Map'; of: JavaType }
  | { kind: 'Object' }
  | { kind: 'bean'; spec: () => BeanSpec }
  /** A property with its own reading rule (e.g. SubWorkflowParams.workflowDefinition). */
  | { kind: 'custom'; read: (value: unknown) => unknown; write: (value: unknown) => unknown };

export interface PropertySpec {
  name: string;
  type: JavaType;
  /** The Java field initializer (value when the JSON omits the property); absent = null. */
  init?: () => unknown;
  /** Setter logic, applied to the read value (e.g. `metadata` null → {}). */
  set?: (value: unknown) => unknown;
  /** Getter logic, applied when writing (e.g. Auditable.getCreateTime null → 0). */
  get?: (value: unknown, bean: Bean) => unknown;
}

export interface BeanSpec {
  javaName: string;
  properties: PropertySpec[];
}

export type Bean = Record<string, unknown>;

export const T = {
  string: { kind: 'String' } as JavaType,
  int: { kind: 'int' } as JavaType,
  long: { kind: 'long' } as JavaType,
  Integer: { kind: 'Integer' } as JavaType,
  Long: { kind: 'Long' } as JavaType,
  boolean: { kind: 'boolean' } as JavaType,
  Boolean: { kind: 'Boolean' } as JavaType,
  object: { kind: 'Object' } as JavaType,
  map: { kind: 'Map', of: { kind: 'Object' } } as JavaType,
  list: (of: JavaType): JavaType => ({ kind: 'List', of }),
  mapOf: (of: JavaType): JavaType => ({ kind: 'Map', of }),
  enumOf: (javaName: string, values: readonly string[]): JavaType => ({ kind: 'enum', javaName, values }),
  bean: (spec: () => BeanSpec): JavaType => ({ kind: 'bean', spec }),
};

const INT_RANGE: Record<string, [number, number]> = {
  int: [-2147483648, 2147483647],
  Integer: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  Long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function javaTypeName(type: JavaType): string {
  switch (type.kind) {
    case 'String':
      return 'java.lang.String';
    case 'Integer':
      return 'java.lang.Integer';
    case 'Long':
      return 'java.lang.Long';
    case 'Boolean':
      return 'java.lang.Boolean';
    case 'enum':
      return type.javaName;
    case 'List':
      return `java.util.List<${javaTypeName(type.of)}>`;
    case 'Map':
      return `java.util.Map<java.lang.String,${javaTypeName(type.of)}>`;
    case 'bean':
      return type.spec().javaName;
    case 'Object':
      return 'java.lang.Object';
    case 'custom':
      return 'java.lang.Object';
    default:
      return type.kind;
  }
}

function jsonShape(value: unknown): string {
  if (Array.isArray(value)) return 'Array value (token `JsonToken.START_ARRAY`)';
  if (typeof value === 'object' && value !== null) return 'Object value (token `JsonToken.START_OBJECT`)';
  if (typeof value === 'string') return `String ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return 'Boolean value';
  return `value ${String(value)}`;
}

/** Spring wraps Jackson's failure as HttpMessageNotReadableException: a 500 in ApplicationExceptionMapper. */
export function cannotDeserialize(type: JavaType, value: unknown, detail = ''): Error {
  return serverError(`JSON parse error: Cannot deserialize value of type \`${javaTypeName(type)}\` from ${jsonShape(value)}${detail}`);
}

function readNumber(type: JavaType & { kind: 'int' | 'long' | 'Integer' | 'Long' }, value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') n = Math.trunc(value); // ACCEPT_FLOAT_AS_INT is on by default
  else if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) n = Number.parseInt(value, 10);
  else if (typeof value === 'string' && value.trim() === '') return type.kind === 'int' || type.kind === 'long' ? 0 : null;
  else throw cannotDeserialize(type, value, typeof value === 'string' ? `: not a valid \`${type.kind}\` value` : '');
  const [min, max] = INT_RANGE[type.kind]!;
  if (n < min || n > max) throw serverError(`JSON parse error: Numeric value (${String(value)}) out of range of ${type.kind}`);
  return n;
}

function readBoolean(type: JavaType, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return value !== 0;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false' || t === '') return false;
  }
  throw cannotDeserialize(type, value, typeof value === 'string' ? ': only "true" or "false" recognized' : '');
}

/** Reads one JSON value as `type`; `null` follows Jackson (primitives → 0/false). */
export function readValue(type: JavaType, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (type.kind === 'int' || type.kind === 'long') return 0;
    if (type.kind === 'boolean') return false;
    return null;
  }
  switch (type.kind) {
    case 'String':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      throw cannotDeserialize(type, value);
    case 'int':
    case 'long':
    case 'Integer':
    case 'Long':
      return readNumber(type, value);
    case 'boolean':
    case 'Boolean':
      return readBoolean(type, value);
    case 'enum':
      if (typeof value === 'string' && type.values.includes(value)) return value;
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < type.values.length) return type.values[value];
      throw cannotDeserialize(type, value, typeof value === 'string' ? `: not one of the values accepted for Enum class: [${type.values.join(', ')}]` : '');
    case 'List':
      if (!Array.isArray(value)) throw cannotDeserialize(type, value);
      return value.map((item) => readValue(type.of, item));
    case 'Map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw cannotDeserialize(type, value);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        // defineProperty, not assignment: a "__proto__" key must stay data.
        Object.defineProperty(out, key, { value: type.of.kind === 'Object' ? item : readValue(type.of, item), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'Object':
      return value;
    case 'bean':
      return readBean(type.spec(), value);
    case 'custom':
      return type.read(value);
  }
}

export function readBean(spec: BeanSpec, value: unknown): Bean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw cannotDeserialize({ kind: 'bean', spec: () => spec }, value);
  }
  const input = value as Record<string, unknown>;
  const bean: Bean = {};
  for (const property of spec.properties) {
    let read: unknown;
    if (Object.prototype.hasOwnProperty.call(input, property.name)) {
      read = readValue(property.type, input[property.name]);
      if (property.set) read = property.set(read);
    } else {
      read = property.init ? property.init() : null;
    }
    bean[property.name] = read;
  }
  return bean;
}

function writeValue(type: JavaType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (type.kind) {
    case 'bean':
      return writeBean(type.spec(), value as Bean);
    case 'List':
      return (value as unknown[]).map((item) => writeValue(type.of, item));
    case 'Map': {
      if (type.of.kind === 'Object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        Object.defineProperty(out, key, { value: writeValue(type.of, item), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'custom':
      return type.write(value);
    default:
      return value;
  }
}

/** The JSON object Jackson writes for a bean: getters applied, null properties left out. */
export function writeBean(spec: BeanSpec, bean: Bean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const property of spec.properties) {
    let value = bean[property.name];
    if (property.get) value = property.get(value, bean);
    value = writeValue(property.type, value);
    if (value !== null && value !== undefined) out[property.name] = value;
  }
  return out;
}
