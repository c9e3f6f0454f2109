/**
 * Structural diff between normalized bodies: the RFC 6902 patch that a Change carries
 * (fast-json-patch `compare`), and helpers to turn its JSON pointers into readable field
 * paths. Text diffs for display are made in render/, not here.
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import type { JsonObject } from './model.js';
import { compareCodePoints } from './normalize-json.js';

/** One RFC 6902 operation, as fast-json-patch produces it. */
export type PatchOperation = Operation;

/**
 * The patch that turns `before` into `after` (an absent side counts as `{}`). Inputs are
 * expected to be normalized, so the patch holds only meaningful changes. Never mutates.
 */
export function diffBodies(before: JsonObject | undefined, after: JsonObject | undefined): PatchOperation[] {
  if (before === undefined && after !== undefined && typeof after['toJSON'] !== 'function') return addEverything(after);
  return jsonpatch.compare(before ?? {}, after ?? {});
}

/**
 * What `compare({}, after)` returns, without its deep copies: one `add` per member, in key
 * order. The values are `after`'s own members (a create's patch repeats its body; bodies are
 * never mutated once planned), which serialize exactly as compare's JSON copies do.
 */
function addEverything(after: JsonObject): PatchOperation[] {
  const operations: PatchOperation[] = [];
  for (const key of Object.keys(after)) {
    const value = after[key];
    if (value === undefined) continue;
    const path = key.includes('/') || key.includes('~') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
    operations.push({ op: 'add', path: `/${path}`, value });
  }
  return operations;
}

/** RFC 6901 pointer → its unescaped segments (`/a~1b/0` → `['a/b', '0']`). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `/inputParameters/token` → `inputParameters.token`; array indexes as `joinOn[1]`. */
export function pointerToFieldPath(pointer: string): string {
  let out = '';
  for (const segment of pointerSegments(pointer)) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** The distinct field paths a patch touches, sorted. */
export function changedFieldPaths(patch: readonly PatchOperation[]): string[] {
  const paths = new Set(patch.map((operation) => pointerToFieldPath(operation.path)));
  return [...paths].sort(compareCodePoints);
}
