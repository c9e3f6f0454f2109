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
  for (const [key, member] of Object.entries(value)) {
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
    if (previous !== undefined && previous > key && !isArrayIndex(previous)) return false;
    if (!isArrayIndex(key)) previous = key;
    else if (previous !== undefined && !isArrayIndex(previous)) return false;
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
  return canonicalJson(a) === canonicalJson(b);
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
