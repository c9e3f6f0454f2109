/**
 * What "same content" means to the planner: normalized bodies, minus the ownership marker
 * (bookkeeping, not content) and, for workflow defs, minus `version` (the bump policy compares
 * a repo version with the server's latest, whatever their numbers).
 */
import type { JsonObject, ResourceKind } from './model.js';
import { hashText } from './fingerprint.js';
import { normalize } from './normalize.js';
import { isJsonEqual } from './normalize-json.js';
import { withoutManagedMarker } from './plan-ownership.js';

/** The comparable part of an already normalized body. */
export function comparableContent(kind: ResourceKind, normalized: JsonObject): JsonObject {
  const content = withoutManagedMarker(normalized);
  if (kind !== 'workflowDef') return content;
  const { version: _version, ...rest } = content;
  return rest;
}

/**
 * Fingerprint of a body's content (normalized, marker and workflow version ignored). This is
 * what `BuildPlanOptions.lastApplied` may hold instead of whole bodies.
 */
export function fingerprintContent(kind: ResourceKind, body: JsonObject): string {
  return fingerprintNormalizedContent(kind, normalize(kind, body));
}

/**
 * fingerprintContent of a body that is already normalized, such as a Change's `after`
 * (normalize is idempotent, so the result is the same without normalizing again).
 */
export function fingerprintNormalizedContent(kind: ResourceKind, normalized: JsonObject): string {
  // normalize sorts keys at every depth and drops undefined members, so the plain text of its
  // result (less some keys) already is the canonical JSON: no key-order walk needed.
  return hashText(JSON.stringify(comparableContent(kind, normalized)));
}

/**
 * Whether two normalized bodies have the same content. Equal whole bodies mean equal content
 * (what an unchanged repo always gives: a repo workflow is compared at the server's version and
 * with the marker the server's copy carries), found by a walk that writes no text; only
 * differing bodies need the second comparison that ignores the marker and the version.
 */
export function isSameContent(kind: ResourceKind, a: JsonObject, b: JsonObject): boolean {
  return isJsonEqual(a, b) || isJsonEqual(comparableContent(kind, a), comparableContent(kind, b));
}
