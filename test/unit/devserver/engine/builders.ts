/** Builders for engine unit tests: definitions and a deterministic context. */
import { createContext, type EngineContext } from '../../../../src/devserver/engine/context.js';
import { buildDefinitionSnapshot } from '../../../../src/devserver/engine/definitions.js';
import type { JsonMap, WorkflowDef } from '../../../../src/devserver/engine/model.js';

export function simpleTask(ref: string, extra: JsonMap = {}): JsonMap {
  return { name: `task_${ref}`, taskReferenceName: ref, type: 'SIMPLE', ...extra };
}

export function workflowDef(tasks: JsonMap[], extra: JsonMap = {}, taskDefs: Record<string, JsonMap> = {}): WorkflowDef {
  return buildDefinitionSnapshot({ name: 'wf', version: 1, tasks, ...extra }, (name) => taskDefs[name]);
}

/** A context whose ids are id-1, id-2… and whose clock is `now`. */
export function contextAt(now: number, counter = { n: 0 }): EngineContext {
  return createContext(now, () => `id-${++counter.n}`);
}
