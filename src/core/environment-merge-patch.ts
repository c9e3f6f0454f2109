/**
 * RFC 7386 JSON merge patch, as used by environment overrides. Pure: returns a new value and
 * never mutates `target` or `patch`.
 *
 * Reminder of the RFC's semantics: objects merge key by key, `null` deletes a key, and any
 * other value (arrays included) replaces the target value wholesale.
 */
import { isPlainObject } from './normalize-json.js';

function clone(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? (clone(target) as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    // defineProperty, not assignment: a `__proto__` key in a YAML patch must stay data.
    else Object.defineProperty(result, key, { value: applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}
