/**
 * Builders for tests (docs/style.md "Builders, not JSON blobs"): a test shows only the fields
 * it cares about. Bodies are what a user would write: no server defaults filled in.
 */
import { buildState, type JsonObject, type Resource, type State } from '../../src/core/model.js';

type Fields = JsonObject;

/** A task def resource: `taskDef({ name: 'charge_card', retryCount: 5 })`. */
export function taskDef(fields: { name: string } & Fields): Resource {
  return { key: { kind: 'taskDef', name: fields.name }, body: { ...fields } };
}

/** A workflow def resource; version defaults to 1, tasks to one SIMPLE task. */
export function workflowDef(fields: { name: string; version?: number; tasks?: JsonObject[] } & Fields): Resource {
  const version = fields.version ?? 1;
  const body: JsonObject = { ...fields, version, tasks: fields.tasks ?? [simpleTask(`${fields.name}_ref`, `${fields.name}_task`)] };
  return { key: { kind: 'workflowDef', name: fields.name, version }, body };
}

/** A SIMPLE task: `simpleTask('charge_ref', 'charge_card')` (name defaults to the ref). */
export function simpleTask(ref: string, name: string = ref, fields: Fields = {}): JsonObject {
  return { name, taskReferenceName: ref, type: 'SIMPLE', ...fields };
}

/** Any task type: `task('HTTP', 'fetch_ref', { inputParameters: {...} })`. */
export function task(type: string, ref: string, fields: Fields = {}): JsonObject {
  return { name: ref, taskReferenceName: ref, type, ...fields };
}

export function subWorkflowTask(ref: string, workflowName: string, version?: number): JsonObject {
  const subWorkflowParam: JsonObject = { name: workflowName };
  if (version !== undefined) subWorkflowParam['version'] = version;
  return task('SUB_WORKFLOW', ref, { subWorkflowParam });
}

export function switchTask(ref: string, decisionCases: Record<string, JsonObject[]>, defaultCase: JsonObject[] = []): JsonObject {
  return task('SWITCH', ref, { evaluatorType: 'value-param', expression: 'kind', inputParameters: { kind: '${workflow.input.kind}' }, decisionCases, defaultCase });
}

export function forkTask(ref: string, branches: JsonObject[][]): JsonObject {
  return task('FORK_JOIN', ref, { forkTasks: branches });
}

export function doWhileTask(ref: string, loopOver: JsonObject[]): JsonObject {
  return task('DO_WHILE', ref, { loopCondition: 'if ($.iteration < 3) { true; } else { false; }', loopOver });
}

/** A State from resources (later ones win on equal keys). */
export function state(...resources: Resource[]): State {
  return buildState(resources);
}

/** A copy of a resource with a changed body (for the server side of a test). */
export function withBody(resource: Resource, changes: Fields): Resource {
  return { key: { ...resource.key }, body: { ...resource.body, ...changes } };
}

/** Deep-freezes a value so a test fails if code under test mutates it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
