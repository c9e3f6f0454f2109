/**
 * A small emulation of how the real server's Jackson reads and writes its model classes
 * (common/.../metadata/**): a `BeanSpec` lists a class's properties in declaration order
 * (superclass first, as Jackson orders them) with their Java type, field initializer and any
 * getter/setter logic. This module holds those types and Jackson's default coercions of
 * scalar values; bean-codec.ts reads request JSON into beans and writes them back.
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
  /**
   * The Java field initializer (value when the JSON omits the property); absent = null. Called
   * once: every bean shares the value, so it must be a primitive or a frozen object.
   */
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

/** The values each integral type accepts. */
export const INT_RANGE: Record<string, [number, number]> = {
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

/** A non-null JSON value as an integral type (ACCEPT_FLOAT_AS_INT, numeric strings); throws Jackson's 500. */
export function readNumber(type: JavaType & { kind: 'int' | 'long' | 'Integer' | 'Long' }, value: unknown): number | null {
  const range = INT_RANGE[type.kind]!;
  let n: number;
  if (typeof value === 'number') n = Math.trunc(value); // ACCEPT_FLOAT_AS_INT is on by default
  else if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) n = Number.parseInt(value, 10);
  else if (typeof value === 'string' && value.trim() === '') return type.kind === 'int' || type.kind === 'long' ? 0 : null;
  else throw cannotDeserialize(type, value, typeof value === 'string' ? `: not a valid \`${type.kind}\` value` : '');
  if (n < range[0] || n > range[1]) throw serverError(`JSON parse error: Numeric value (${String(value)}) out of range of ${type.kind}`);
  return n;
}

/** A non-null JSON value as a boolean (numbers, "true"/"false" strings); throws Jackson's 500. */
export function readBoolean(type: JavaType, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return value !== 0;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false' || t === '') return false;
  }
  throw cannotDeserialize(type, value, typeof value === 'string' ? ': only "true" or "false" recognized' : '');
}

/** A non-null JSON value as a String (numbers and booleans as text); throws Jackson's 500. */
export function readString(type: JavaType, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw cannotDeserialize(type, value);
}

/** A non-null JSON value as an enum constant (by name or index); throws Jackson's 500. */
export function readEnum(type: JavaType & { kind: 'enum' }, value: unknown): unknown {
  if (typeof value === 'string' && type.values.includes(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < type.values.length) return type.values[value];
  throw cannotDeserialize(type, value, typeof value === 'string' ? `: not one of the values accepted for Enum class: [${type.values.join(', ')}]` : '');
}
