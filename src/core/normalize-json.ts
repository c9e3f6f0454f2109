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
  for (const key of Object.keys(value).sort(compareCodePoints)) {
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
  return JSON.stringify(sortKeysDeep(value)) ?? 'null';
}

export function isJsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
