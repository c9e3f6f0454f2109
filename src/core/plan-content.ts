/**
 * What "same content" means to the planner: normalized bodies, minus the ownership marker
 * (bookkeeping, not content) and, for workflow defs, minus `version` (the bump policy compares
 * a repo version with the server's latest, whatever their numbers).
 */
import type { JsonObject, ResourceKind } from './model.js';
import { hashText, normalizedText } from './fingerprint.js';
import { normalize } from './normalize.js';
import { canonicalJson, isJsonEqual } from './normalize-json.js';
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
  return hashText(canonicalJson(comparableContent(kind, normalized)));
}

/**
 * Whether two normalized bodies have the same content. Equal JSON texts of the whole bodies
 * mean equal content (what an unchanged repo always gives: a repo workflow is compared at the
 * server's version and with the marker the server's copy carries), and the text of a server
 * body is kept for its fingerprint; only differing texts need the walk that ignores the
 * marker and the version.
 */
export function isSameContent(kind: ResourceKind, a: JsonObject, b: JsonObject): boolean {
  if (normalizedText(a) === normalizedText(b)) return true;
  return isJsonEqual(comparableContent(kind, a), comparableContent(kind, b));
}
