/**
 * The display form of a normalized body: fields equal to the server's default are left out
 * (at any depth), so a diff shows what a user would write and review, not forty lines of
 * defaults. For display only: the plan compares and sends full normalized bodies. `name`,
 * `version` and task `type` always stay, for orientation. Given the other side of a change,
 * a default-valued field that differs there stays too (`retryCount: 3` → `5` shows both).
 */
import type { JsonObject, ResourceKind } from './model.js';
import { listTasks } from './graph.js';
import { cloneJson, isJsonEqual, isPlainObject } from './normalize-json.js';
import {
  CACHE_CONFIG_DEFAULTS,
  RATE_LIMIT_CONFIG_DEFAULTS,
  SCHEMA_DEF_DEFAULTS,
  TASK_DEF_DEFAULTS,
  WORKFLOW_DEF_DEFAULTS,
  WORKFLOW_TASK_DEFAULTS,
} from './normalize-defaults.js';

const { type: _type, ...TASK_DEFAULTS_BUT_TYPE } = WORKFLOW_TASK_DEFAULTS;

/**
 * A copy of a normalized body without its default-valued fields. `other` is the other side
 * of the change (normalized), if any: fields that differ from it are kept.
 */
export function compactDefinition(kind: ResourceKind, normalized: JsonObject, other?: JsonObject): JsonObject {
  const copy = cloneJson(normalized);
  if (kind === 'workflowDef') compactWorkflowDef(copy, other);
  else compactTaskDef(copy, other);
  return copy;
}

function compactTaskDef(def: JsonObject, other: JsonObject | undefined): void {
  stripDefaults(def, TASK_DEF_DEFAULTS, other);
  compactSchemas(def);
}

function compactWorkflowDef(def: JsonObject, other: JsonObject | undefined): void {
  // Counterparts by ref, taken before this side's tasks are compacted.
  const others = new Map(other ? listTasks(other).map(({ ref, task }) => [ref, task]) : []);
  stripDefaults(def, WORKFLOW_DEF_DEFAULTS, other);
  compactSchemas(def);
  if (isPlainObject(def['rateLimitConfig'])) stripDefaults(def['rateLimitConfig'], RATE_LIMIT_CONFIG_DEFAULTS);
  if (isPlainObject(def['cacheConfig'])) stripDefaults(def['cacheConfig'], CACHE_CONFIG_DEFAULTS);
  forEachTask(def['tasks'], (task) => compactTask(task, others));
}

function compactTask(task: JsonObject, others: Map<string, JsonObject>): void {
  const visit = (child: JsonObject) => compactTask(child, others);
  const forkTasks = task['forkTasks'];
  if (Array.isArray(forkTasks)) forkTasks.forEach((branch) => forEachTask(branch, visit));
  const decisionCases = task['decisionCases'];
  if (isPlainObject(decisionCases)) Object.values(decisionCases).forEach((branch) => forEachTask(branch, visit));
  for (const field of ['defaultCase', 'loopOver']) forEachTask(task[field], visit);
  const other = typeof task['taskReferenceName'] === 'string' ? others.get(task['taskReferenceName']) : undefined;
  stripDefaults(task, TASK_DEFAULTS_BUT_TYPE, other);
  if (isPlainObject(task['cacheConfig'])) stripDefaults(task['cacheConfig'], CACHE_CONFIG_DEFAULTS);
  const otherDefinition = other?.['taskDefinition'];
  if (isPlainObject(task['taskDefinition'])) compactTaskDef(task['taskDefinition'], isPlainObject(otherDefinition) ? otherDefinition : undefined);
  const param = task['subWorkflowParam'];
  const inline = isPlainObject(param) ? param['workflowDefinition'] : undefined;
  if (isPlainObject(inline) && Array.isArray(inline['tasks'])) compactWorkflowDef(inline, undefined);
}

function forEachTask(list: unknown, visit: (task: JsonObject) => void): void {
  if (Array.isArray(list)) for (const task of list) if (isPlainObject(task)) visit(task);
}

function compactSchemas(def: JsonObject): void {
  for (const field of ['inputSchema', 'outputSchema']) {
    if (isPlainObject(def[field])) stripDefaults(def[field], SCHEMA_DEF_DEFAULTS);
  }
}

function stripDefaults(target: JsonObject, defaults: Readonly<JsonObject>, other?: JsonObject): void {
  for (const [field, value] of Object.entries(defaults)) {
    if (!(field in target) || !isJsonEqual(target[field], value)) continue;
    // A scalar default that the other side changed stays, so the diff shows old and new.
    // An empty list or map goes: the other side's entries show as added lines anyway.
    const isScalar = typeof value !== 'object' || value === null;
    if (isScalar && other && field in other && !isJsonEqual(other[field], value)) continue;
    delete target[field];
  }
}
