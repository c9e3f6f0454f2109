/**
 * Normalization: turns a definition body, from the repo or from a server, into the form the
 * planner compares (docs/style.md "Normalize copies, then diff"). It works on a copy and never
 * mutates its input. It drops server-managed fields, turns `null` into what the server makes
 * of it, fills the server's defaults (docs/conductor-api.md section 4) recursively into
 * nested tasks, and sorts keys. `normalize(normalize(x))` equals `normalize(x)`.
 *
 * Inline `taskDefinition`s on workflow tasks are kept (normalized as task defs): the user
 * wrote them, and the definitions endpoints never add them. Only an execution's definition
 * snapshot adds them (section 6.7), and the planner never reads snapshots.
 */
import type { JsonObject, ResourceKind } from './model.js';
import { cloneJson, isPlainObject, sortKeysDeep } from './normalize-json.js';
import {
  RATE_LIMIT_CONFIG_DEFAULTS,
  SCHEMA_DEF_DEFAULTS,
  SERVER_MANAGED_FIELDS,
  TASK_DEF_DEFAULTS,
  TASK_DEF_NULL_AS,
  WORKFLOW_DEF_DEFAULTS,
  WORKFLOW_DEF_NULL_AS,
  WORKFLOW_TASK_DEFAULTS,
} from './normalize-defaults.js';

/** Normalize a body of the given kind. Returns a new object. */
export function normalize(kind: ResourceKind, body: JsonObject): JsonObject {
  return kind === 'workflowDef' ? normalizeWorkflowDef(body) : normalizeTaskDef(body);
}

/** Normalize a task def body (section 4.1). Returns a new object with sorted keys. */
export function normalizeTaskDef(body: JsonObject): JsonObject {
  return sortKeysDeep(fillTaskDef(cloneJson(body)));
}

/** Normalize a workflow def body (sections 4.2, 4.3). Returns a new object with sorted keys. */
export function normalizeWorkflowDef(body: JsonObject): JsonObject {
  return sortKeysDeep(fillWorkflowDef(cloneJson(body)));
}

/* The helpers below mutate the private copy made by the exported functions. */

function fillTaskDef(def: JsonObject): JsonObject {
  dropServerFields(def);
  replaceNulls(def, TASK_DEF_NULL_AS);
  fillDefaults(def, TASK_DEF_DEFAULTS);
  fillSchemaDefs(def);
  return def;
}

function fillWorkflowDef(def: JsonObject): JsonObject {
  dropServerFields(def);
  replaceNulls(def, WORKFLOW_DEF_NULL_AS);
  // A primitive int on the server that defaults to 1; absent means 1, as in keyId.
  if (def['version'] === undefined) def['version'] = 1;
  fillDefaults(def, WORKFLOW_DEF_DEFAULTS);
  fillSchemaDefs(def);
  const rateLimitConfig = def['rateLimitConfig'];
  if (isPlainObject(rateLimitConfig)) {
    replaceNulls(rateLimitConfig, {});
    fillDefaults(rateLimitConfig, RATE_LIMIT_CONFIG_DEFAULTS);
  }
  def['tasks'] = mapTaskList(def['tasks']);
  return def;
}

function fillWorkflowTask(task: unknown): unknown {
  if (!isPlainObject(task)) return task;
  replaceNulls(task, {});
  fillDefaults(task, WORKFLOW_TASK_DEFAULTS);
  const forkTasks = task['forkTasks'];
  if (Array.isArray(forkTasks)) task['forkTasks'] = forkTasks.map(mapTaskList);
  const decisionCases = task['decisionCases'];
  if (isPlainObject(decisionCases)) {
    for (const [value, branch] of Object.entries(decisionCases)) decisionCases[value] = mapTaskList(branch);
  }
  for (const field of ['defaultCase', 'loopOver', 'defaultExclusiveJoinTask']) task[field] = mapTaskList(task[field]);
  const taskDefinition = task['taskDefinition'];
  if (isPlainObject(taskDefinition)) fillTaskDef(taskDefinition);
  const subWorkflowParam = task['subWorkflowParam'];
  if (isPlainObject(subWorkflowParam)) fillSubWorkflowParam(subWorkflowParam);
  return task;
}

function fillSubWorkflowParam(param: JsonObject): void {
  replaceNulls(param, {});
  const inline = param['workflowDefinition'];
  // An inline definition is a WorkflowDef; a "${...}" string is an expression, left as is.
  if (isPlainObject(inline) && Array.isArray(inline['tasks'])) fillWorkflowDef(inline);
}

function mapTaskList(value: unknown): unknown {
  return Array.isArray(value) ? value.map(fillWorkflowTask) : value;
}

function dropServerFields(def: JsonObject): void {
  for (const field of SERVER_MANAGED_FIELDS) delete def[field];
}

/**
 * The server serializes NON_NULL, so `null` reads back as "absent" (then the default), except
 * Java primitives, where Jackson stores 0/false (`nullAs`).
 */
function replaceNulls(target: JsonObject, nullAs: Readonly<JsonObject>): void {
  for (const [field, value] of Object.entries(target)) {
    if (value !== null) continue;
    if (field in nullAs) target[field] = nullAs[field];
    else delete target[field];
  }
}

function fillDefaults(target: JsonObject, defaults: Readonly<JsonObject>): void {
  for (const [field, value] of Object.entries(defaults)) {
    if (target[field] === undefined) target[field] = cloneJson(value);
  }
}

function fillSchemaDefs(def: JsonObject): void {
  for (const field of ['inputSchema', 'outputSchema']) {
    const schema = def[field];
    if (!isPlainObject(schema)) continue;
    replaceNulls(schema, {});
    fillDefaults(schema, SCHEMA_DEF_DEFAULTS);
  }
}
