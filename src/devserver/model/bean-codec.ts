/**
 * Reading request JSON into beans and writing beans back, the way the real server's Jackson
 * does (see java-types.ts): `readBean` turns a JSON object into a "bean" (every property
 * present, null when unset) with Jackson's default coercions, or throws the 500 that Spring's
 * HttpMessageNotReadableException gives; `writeBean` produces the NON_NULL JSON object.
 * Unknown properties are dropped (FAIL_ON_UNKNOWN_PROPERTIES=false): the real server never
 * stores what its classes do not have.
 *
 * Bulk writes read and write thousands of beans per request, so each JavaType is compiled
 * once into a `Codec` (its reader and writer as plain functions) and each BeanSpec into its
 * property list with codecs attached: the per-value work is then a call, not a type dispatch.
 * Values that read as themselves (strings, maps of Object, lists of strings...) are not
 * copied: a bean may share them with the parsed request, which nothing mutates.
 * Hot loops are index loops, not for-of, and walk an object's own keys with for-in rather
 * than Object.keys: in a fresh server this code is not optimized yet, and there for-of
 * allocates an iterator result per step and Object.keys an array per object.
 */
import {
  cannotDeserialize,
  INT_RANGE,
  readBoolean,
  readEnum,
  readNumber,
  readString,
  type Bean,
  type BeanSpec,
  type JavaType,
} from './java-types.js';

/** A JavaType compiled: how it reads a non-null JSON value and writes a non-null bean value. */
interface Codec {
  /** What JSON null reads as (Jackson: 0/false for primitives, else null). */
  readonly nullValue: unknown;
  readonly read: (value: unknown) => unknown;
  /** Undefined when the value is written as it is. */
  readonly write: ((value: unknown) => unknown) | undefined;
}

const identity = (value: unknown): unknown => value;
/** Object (and so Map<String, Object>) values are kept as parsed. */
const OBJECT_CODEC: Codec = { nullValue: null, read: identity, write: undefined };
const codecs = new WeakMap<JavaType, Codec>();

function codecOf(type: JavaType): Codec {
  let codec = codecs.get(type);
  if (codec === undefined) {
    codec = buildCodec(type);
    codecs.set(type, codec);
  }
  return codec;
}

// Scalar readers answer the common case (the JSON type already matches) before any coercion.
function buildCodec(type: JavaType): Codec {
  switch (type.kind) {
    case 'String':
      return { nullValue: null, read: (value) => (typeof value === 'string' ? value : readString(type, value)), write: undefined };
    case 'int':
    case 'long':
    case 'Integer':
    case 'Long': {
      const [min, max] = INT_RANGE[type.kind]!;
      return {
        nullValue: type.kind === 'int' || type.kind === 'long' ? 0 : null,
        read: (value) => (Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? value : readNumber(type, value)),
        write: undefined,
      };
    }
    case 'boolean':
    case 'Boolean':
      return {
        nullValue: type.kind === 'boolean' ? false : null,
        read: (value) => (typeof value === 'boolean' ? value : readBoolean(type, value)),
        write: undefined,
      };
    case 'enum':
      return { nullValue: null, read: (value) => readEnum(type, value), write: undefined };
    case 'List':
      return listCodec(type, codecOf(type.of));
    case 'Map':
      return mapCodec(type, codecOf(type.of));
    case 'Object':
      return OBJECT_CODEC;
    case 'bean':
      return beanCodec(type);
    case 'custom':
      return { nullValue: null, read: type.read, write: type.write };
  }
}

function listCodec(type: JavaType, of: Codec): Codec {
  const writeItem = of.write;
  return {
    nullValue: null,
    read: (value) => {
      if (!Array.isArray(value)) throw cannotDeserialize(type, value);
      return readItems(value, of);
    },
    write: writeItem && ((value) => writeItems(value as unknown[], writeItem)),
  };
}

/** The list read item by item; the same array when every item reads as itself. */
function readItems(list: unknown[], of: Codec): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const read = item === null || item === undefined ? of.nullValue : of.read(item);
    if (out === undefined && read !== item) out = list.slice(0, i);
    if (out !== undefined) out.push(read);
  }
  return out ?? list;
}

function mapCodec(type: JavaType, of: Codec): Codec {
  const writeItem = of.write;
  return {
    nullValue: null,
    read: (value) => {
      if (typeof value !== 'object' || Array.isArray(value)) throw cannotDeserialize(type, value);
      return of === OBJECT_CODEC ? value : readEntries(value as Record<string, unknown>, of);
    },
    write: writeItem && ((value) => writeEntries(value as Record<string, unknown>, writeItem)),
  };
}

function writeItems(list: unknown[], writeItem: (value: unknown) => unknown): unknown[] {
  if (list.length === 0) return list;
  const out: unknown[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    out[i] = item === null || item === undefined ? item : writeItem(item);
  }
  return out;
}

/** The map read entry by entry; the same object when every value reads as itself. */
function readEntries(map: Record<string, unknown>, of: Codec): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in map) {
    if (!Object.hasOwn(map, key)) continue;
    const item = map[key];
    const read = item === null || item === undefined ? of.nullValue : of.read(item);
    if (out === undefined && read !== item) out = copyEntriesBefore(map, key);
    if (out !== undefined) setEntry(out, key, read);
  }
  return out ?? map;
}

function copyEntriesBefore(map: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in map) {
    if (key === stop) break;
    if (Object.hasOwn(map, key)) setEntry(out, key, map[key]);
  }
  return out;
}

/** The map with each value written; the same object when it is empty. */
function writeEntries(map: Record<string, unknown>, writeItem: (value: unknown) => unknown): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in map) {
    if (!Object.hasOwn(map, key)) continue;
    const item = map[key];
    setEntry((out ??= {}), key, item === null || item === undefined ? item : writeItem(item));
  }
  return out ?? map;
}

/** Assignment, except for a "__proto__" key, which must stay data (assigning it sets the prototype). */
function setEntry(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A PropertySpec with its type's codec; every field present so all share one shape. */
interface CompiledProperty {
  readonly name: string;
  readonly codec: Codec;
  /** `codec.write`, one load closer. */
  readonly write: Codec['write'];
  readonly init: (() => unknown) | undefined;
  readonly set: ((value: unknown) => unknown) | undefined;
  readonly get: ((value: unknown, bean: Bean) => unknown) | undefined;
}

interface CompiledBean {
  readonly type: JavaType;
  /** In declaration order. */
  readonly properties: readonly CompiledProperty[];
  readonly byName: ReadonlyMap<string, CompiledProperty>;
  /**
   * Every property at its field initializer. A bean is a copy of it, so it starts with its
   * defaults (reading visits only the properties the JSON has) and all beans of a spec share
   * one fast-mode shape: setting 20+ new properties one by one under computed names makes V8
   * turn an object into a slow dictionary, which every later read pays for.
   */
  readonly beanTemplate: Bean;
  /** Every property, undefined: written objects with many properties are copied from it. */
  readonly writeTemplate: Record<string, unknown>;
}

const compiledBeans = new WeakMap<BeanSpec, CompiledBean>();

function compileBean(spec: BeanSpec): CompiledBean {
  let compiled = compiledBeans.get(spec);
  if (compiled === undefined) {
    const properties = spec.properties.map((p): CompiledProperty => {
      // Beans are plain objects set by property name: `__proto__` would set the prototype.
      if (p.name in Object.prototype) throw new Error(`${spec.javaName}.${p.name} shadows an Object.prototype member`);
      const codec = codecOf(p.type);
      return { name: p.name, codec, write: codec.write, init: p.init, set: p.set, get: p.get };
    });
    compiled = {
      type: { kind: 'bean', spec: () => spec },
      properties,
      byName: new Map(properties.map((p) => [p.name, p])),
      beanTemplate: Object.fromEntries(properties.map((p) => [p.name, initialValue(spec, p)])),
      writeTemplate: Object.fromEntries(properties.map((p) => [p.name, undefined])),
    };
    compiledBeans.set(spec, compiled);
  }
  return compiled;
}

/** The value a bean holds when the JSON omits the property; shared by every bean, so immutable. */
function initialValue(spec: BeanSpec, property: CompiledProperty): unknown {
  const value = property.init === undefined ? null : property.init();
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    throw new Error(`${spec.javaName}.${property.name}: init must return a primitive or a frozen value`);
  }
  return value;
}

/** Compiled on first use: bean specs refer to each other (and to themselves) lazily. */
function beanCodec(type: JavaType & { kind: 'bean' }): Codec {
  let compiled: CompiledBean | undefined;
  return {
    nullValue: null,
    read: (value) => readCompiledBean((compiled ??= compileBean(type.spec())), value),
    write: (value) => writeCompiledBean((compiled ??= compileBean(type.spec())), value as Bean),
  };
}

/** Reads one JSON value as `type`; `null` follows Jackson (primitives → 0/false). */
export function readValue(type: JavaType, value: unknown): unknown {
  const codec = codecOf(type);
  return value === null || value === undefined ? codec.nullValue : codec.read(value);
}

/** Reads a JSON object (as JSON.parse makes it) into a bean: every property present, null when unset. */
export function readBean(spec: BeanSpec, value: unknown): Bean {
  return readCompiledBean(compileBean(spec), value);
}

function readCompiledBean(compiled: CompiledBean, value: unknown): Bean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw cannotDeserialize(compiled.type, value);
  const input = value as Record<string, unknown>;
  const bean: Bean = { ...compiled.beanTemplate };
  // Only the JSON's own keys (unknown ones are dropped); absent properties keep the template's.
  for (const key in input) {
    const property = compiled.byName.get(key);
    if (property === undefined || !Object.hasOwn(input, key)) continue;
    try {
      bean[key] = readProperty(property, input[key]);
    } catch (error) {
      throwFirstInDeclarationOrder(compiled, input, property, error);
    }
  }
  return bean;
}

function readProperty(property: CompiledProperty, raw: unknown): unknown {
  const read = raw === null || raw === undefined ? property.codec.nullValue : property.codec.read(raw);
  return property.set === undefined ? read : property.set(read);
}

/**
 * Reading follows the JSON's key order, but with several bad properties the error has always
 * been the first one's in declaration order: read the properties declared before `failed` that
 * the loop has not reached yet (each at most once), and throw the first error.
 */
function throwFirstInDeclarationOrder(compiled: CompiledBean, input: Record<string, unknown>, failed: CompiledProperty, error: unknown): never {
  const reached = new Set<string>();
  for (const key in input) {
    if (key === failed.name) break;
    reached.add(key);
  }
  for (const property of compiled.properties) {
    if (property === failed) break;
    if (!reached.has(property.name) && Object.hasOwn(input, property.name)) readProperty(property, input[property.name]);
  }
  throw error;
}

/**
 * The object to JSON.stringify for what Jackson writes for a bean: getters applied, null
 * properties left out (absent, or present as `undefined`, which JSON.stringify skips).
 */
export function writeBean(spec: BeanSpec, bean: Bean): Record<string, unknown> {
  return writeCompiledBean(compileBean(spec), bean);
}

/** Up to this many properties are added one by one; V8 keeps such objects in fast mode. */
const MAX_ADDED_PROPERTIES = 16;

function writeCompiledBean(compiled: CompiledBean, bean: Bean): Record<string, unknown> {
  // Most beans (tasks) write few properties: an object built by adding them is the cheapest to
  // make and to stringify. Past MAX_ADDED_PROPERTIES the rest go into a copy of the template.
  let out: Record<string, unknown> = {};
  let count = 0;
  const properties = compiled.properties;
  for (let i = 0; i < properties.length; i++) {
    const property = properties[i]!;
    let value = bean[property.name];
    if (property.get !== undefined) value = property.get(value, bean);
    if (value === null || value === undefined) continue;
    if (property.write !== undefined) value = property.write(value);
    if (value === null || value === undefined) continue;
    if (++count === MAX_ADDED_PROPERTIES + 1) out = { ...compiled.writeTemplate, ...out };
    out[property.name] = value;
  }
  return out;
}
