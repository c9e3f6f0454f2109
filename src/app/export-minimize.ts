/**
 * Makes a server definition readable for the repo: drops server-managed fields, this tool's
 * bookkeeping in `metadata`, and every field whose value equals the server's default
 * (core/normalize-defaults.ts), recursively in nested tasks. Pure. The result is checked:
 * it must normalize to exactly what the original normalizes to, or the original (minus
 * server-managed fields) is returned instead, so `export` then `plan` is always a no-op.
 */
import type { JsonObject, ResourceKind } from '../core/model.js';
import { normalize } from '../core/normalize.js';
import {
  SERVER_MANAGED_FIELDS,
  TASK_DEF_DEFAULTS,
  WORKFLOW_DEF_DEFAULTS,
  WORKFLOW_TASK_DEFAULTS,
} from '../core/normalize-defaults.js';
import { cloneJson, isJsonEqual, isPlainObject } from '../core/normalize-json.js';
import { MANAGED_MARKER } from '../core/plan-ownership.js';
import { FINGERPRINT_KEY } from './ownership.js';

const TASK_LIST_FIELDS = ['defaultCase', 'loopOver', 'defaultExclusiveJoinTask'];

export function minimizeDefinition(kind: ResourceKind, body: JsonObject): JsonObject {
  const stripped = stripBookkeeping(cloneJson(body));
  const minimized = kind === 'workflowDef' ? minimizeWorkflow(cloneJson(stripped)) : minimizeTaskDef(cloneJson(stripped));
  return isJsonEqual(normalize(kind, minimized), normalize(kind, stripped)) ? minimized : stripped;
}

function stripBookkeeping(body: JsonObject): JsonObject {
  for (const field of SERVER_MANAGED_FIELDS) delete body[field];
  const metadata = body['metadata'];
  if (isPlainObject(metadata)) {
    delete metadata[MANAGED_MARKER];
    delete metadata[FINGERPRINT_KEY];
  }
  return body;
}

function minimizeTaskDef(def: JsonObject): JsonObject {
  for (const field of SERVER_MANAGED_FIELDS) delete def[field];
  dropDefaults(def, TASK_DEF_DEFAULTS);
  return def;
}

function minimizeWorkflow(def: JsonObject): JsonObject {
  for (const field of SERVER_MANAGED_FIELDS) delete def[field];
  const version = def['version'];
  dropDefaults(def, WORKFLOW_DEF_DEFAULTS);
  if (version !== undefined) def['version'] = version; // always explicit in the repo
  if (Array.isArray(def['tasks'])) def['tasks'] = def['tasks'].map(minimizeTask);
  return def;
}

function minimizeTask(task: unknown): unknown {
  if (!isPlainObject(task)) return task;
  dropDefaults(task, WORKFLOW_TASK_DEFAULTS);
  const forkTasks = task['forkTasks'];
  if (Array.isArray(forkTasks)) task['forkTasks'] = forkTasks.map((branch) => (Array.isArray(branch) ? branch.map(minimizeTask) : branch));
  const cases = task['decisionCases'];
  if (isPlainObject(cases)) {
    for (const [value, branch] of Object.entries(cases)) if (Array.isArray(branch)) cases[value] = branch.map(minimizeTask);
  }
  for (const field of TASK_LIST_FIELDS) {
    const list = task[field];
    if (Array.isArray(list)) task[field] = list.map(minimizeTask);
  }
  const inline = task['taskDefinition'];
  if (isPlainObject(inline)) task['taskDefinition'] = minimizeTaskDef(inline);
  const sub = task['subWorkflowParam'];
  if (isPlainObject(sub) && isPlainObject(sub['workflowDefinition']) && Array.isArray(sub['workflowDefinition']['tasks'])) {
    sub['workflowDefinition'] = minimizeWorkflow(sub['workflowDefinition']);
  }
  return task;
}

function dropDefaults(target: JsonObject, defaults: Readonly<JsonObject>): void {
  for (const [field, value] of Object.entries(target)) {
    if (value === null || (field in defaults && isJsonEqual(value, defaults[field]))) delete target[field];
  }
}
