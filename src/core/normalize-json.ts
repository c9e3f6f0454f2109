/**
 * Small pure helpers over JSON values: plain-object test, deep copy, deep key sort, canonical
 * text and structural equality. Used by the normalizer, the planner and the fingerprints.
 */
import type { JsonObject } from './model.js';

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy with object keys sorted (code-point order, so it does not depend on locale).
 * `undefined` members are dropped, as JSON.stringify would; arrays keep their order.
 */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => sortKeysDeep(item)) as T;
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  // The default sort compares UTF-16 code units, as compareCodePoints does, only faster.
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member !== undefined) out[key] = sortKeysDeep(member);
  }
  return out as T;
}

/** Deep copy of a JSON value (keys keep their order). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (member !== undefined) out[key] = cloneJson(member);
  }
  return out as T;
}

/** JSON text with sorted keys and no whitespace: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  // Normalized bodies are already in canonical order: then no sorted copy is needed.
  return JSON.stringify(isInKeyOrder(value) ? value : sortKeysDeep(value)) ?? 'null';
}

/**
 * Whether JSON.stringify(value) already equals JSON.stringify(sortKeysDeep(value)): every
 * object's keys in code-unit order (after the integer-like keys, which JavaScript always lists
 * first, in numeric order, in the copy too) and no undefined members.
 */
function isInKeyOrder(value: unknown): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (!isInKeyOrder(item)) return false;
    return true;
  }
  if (!isPlainObject(value)) return true;
  let previous: string | undefined;
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (member === undefined) return false;
    if (!isArrayIndex(key)) {
      if (previous !== undefined && previous > key) return false;
      previous = key;
    }
    if (typeof member === 'object' && member !== null && !isInKeyOrder(member)) return false;
  }
  return true;
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 0x30 || first > 0x39) return false;
  return /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

export function isJsonEqual(a: unknown, b: unknown): boolean {
  const equal = compareCanonically(a, b);
  return equal === undefined ? canonicalJson(a) === canonicalJson(b) : equal;
}

/**
 * Whether canonicalJson(a) === canonicalJson(b), found by walking both values instead of
 * writing two texts; undefined for the odd values (bigint, a `toJSON` member) it leaves to
 * the texts. As in the texts: key order is ignored, an undefined or function member counts
 * as absent, and undefined, functions, NaN and ±Infinity count as null.
 */
function compareCanonically(a: unknown, b: unknown): boolean | undefined {
  if (a === b && (typeof a !== 'object' || a === null)) return typeof a === 'bigint' ? undefined : true;
  const aIsNull = isNullLike(a);
  const bIsNull = isNullLike(b);
  if (aIsNull || bIsNull) return aIsNull === bIsNull;
  if (typeof a === 'bigint' || typeof b === 'bigint') return undefined;
  if (typeof a !== 'object' || typeof b !== 'object') return false; // different primitives, or a primitive and an object
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const equal = compareCanonically(a[i], b[i]);
      if (equal !== true) return equal;
    }
    return true;
  }
  const left = a as JsonObject;
  const right = b as JsonObject;
  let count = 0;
  for (const key of Object.keys(left)) {
    const member = left[key];
    if (isAbsentMember(member)) continue;
    if (key === 'toJSON') return undefined;
    count++;
    const other = right[key];
    if (!Object.prototype.hasOwnProperty.call(right, key) || isAbsentMember(other)) return false;
    const equal = compareCanonically(member, other);
    if (equal !== true) return equal;
  }
  for (const key of Object.keys(right)) {
    if (isAbsentMember(right[key])) continue;
    if (key === 'toJSON') return undefined;
    count--;
  }
  return count === 0;
}

/** What JSON text writes as null (in an array, or as the whole value). */
function isNullLike(value: unknown): boolean {
  return value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol' || (typeof value === 'number' && !Number.isFinite(value));
}

/** A member JSON text leaves out. */
function isAbsentMember(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
