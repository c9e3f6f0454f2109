/**
 * The domain model shared by the repo side and the server side (docs/style.md "The core
 * model"). Pure types and helpers only.
 */

export type ResourceKind = 'taskDef' | 'workflowDef';

export interface ResourceKey {
  kind: ResourceKind;
  name: string;
  /** Workflow defs only. */
  version?: number;
}

/** Where a resource came from in the repo (absent for server-side resources). */
export interface SourceLocation {
  file: string;
  line?: number;
  /** JSON pointer of the definition inside its file ('' when it is the whole document). */
  pointer?: string;
}

export type JsonObject = { [key: string]: unknown };

export interface Resource {
  key: ResourceKey;
  body: JsonObject;
  source?: SourceLocation;
}

/** Resources by key id (see keyId). */
export type State = Map<string, Resource>;

/** `taskDef/charge_card`, `workflowDef/order_flow@3`. */
export function keyId(key: ResourceKey): string {
  return key.kind === 'workflowDef' ? `workflowDef/${key.name}@${key.version ?? 1}` : `taskDef/${key.name}`;
}

export function buildState(resources: Iterable<Resource>): State {
  const state: State = new Map();
  for (const resource of resources) state.set(keyId(resource.key), resource);
  return state;
}

/** A workflow def is recognised by its `tasks` array; anything else with a name is a task def. */
export function inferKind(body: JsonObject): ResourceKind {
  return Array.isArray(body['tasks']) ? 'workflowDef' : 'taskDef';
}
