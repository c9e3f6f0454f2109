/**
 * Ownership: which server definitions this tool may delete with `--prune`. A shared server
 * holds definitions we do not own, so scope alone is not enough.
 * - Workflow defs carry MANAGED_MARKER in their `metadata` (a field the server stores and
 *   returns since v3.21.14). The planner puts it into every body it creates or updates.
 * - Task defs have no metadata field, so their ownership is a set of names the app keeps
 *   (its record of what it applied) and passes in as `ownedTaskDefs`.
 */
import type { JsonObject, ResourceKey } from './model.js';
import { isPlainObject } from './normalize-json.js';

/** `metadata['conductor-gitops/managed'] = true` marks a workflow def as ours. */
export const MANAGED_MARKER = 'conductor-gitops/managed';

export function isManagedWorkflow(body: JsonObject): boolean {
  const metadata = body['metadata'];
  return isPlainObject(metadata) && metadata[MANAGED_MARKER] === true;
}

/** A shallow copy of a workflow body whose metadata carries the marker. */
export function withManagedMarker(body: JsonObject): JsonObject {
  const metadata = isPlainObject(body['metadata']) ? body['metadata'] : {};
  return { ...body, metadata: { ...metadata, [MANAGED_MARKER]: true } };
}

/** A shallow copy without the marker (for comparing content: the marker is not content). */
export function withoutManagedMarker(body: JsonObject): JsonObject {
  const metadata = body['metadata'];
  if (!isPlainObject(metadata) || !(MANAGED_MARKER in metadata)) return body;
  const { [MANAGED_MARKER]: _marker, ...rest } = metadata;
  return { ...body, metadata: rest };
}

/** Whether the tool owns a server resource. */
export function isOwned(key: ResourceKey, body: JsonObject, ownedTaskDefs: ReadonlySet<string>): boolean {
  return key.kind === 'workflowDef' ? isManagedWorkflow(body) : ownedTaskDefs.has(key.name);
}
