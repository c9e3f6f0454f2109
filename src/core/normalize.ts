/**
 * Normalization: turns a definition body, from the repo or from a server, into the form the
 * planner compares (docs/style.md "Normalize copies, then diff"). It works on a copy and never
 * mutates its input. Following how the server reads and writes its model classes
 * (normalize-defaults.ts), at every depth, it drops properties the class does not have (the
 * server never stores them) and server-managed fields, turns `null` into what the server makes
 * of it, fills the server's defaults, and sorts keys. `normalize(normalize(x))` equals
 * `normalize(x)`, and `normalize(x)` equals `normalize(<x registered and read back>)`.
 *
 * Inline `taskDefinition`s on workflow tasks are kept (normalized as task defs): the user
 * wrote them, and the definitions endpoints never add them. Only an execution's definition
 * snapshot adds them (section 6.7), and the planner never reads snapshots.
 */
import type { JsonObject, ResourceKind } from './model.js';
import { cloneJson, isPlainObject, sortKeysDeep } from './normalize-json.js';
import {
  CACHE_CONFIG_DEFAULTS,
  CACHE_CONFIG_FIELDS,
  RATE_LIMIT_CONFIG_DEFAULTS,
  RATE_LIMIT_CONFIG_FIELDS,
  SCHEMA_DEF_DEFAULTS,
  SCHEMA_DEF_FIELDS,
  SCHEMA_DEF_NULL_AS,
  SERVER_MANAGED_FIELDS,
  STATE_CHANGE_EVENT_FIELDS,
  SUB_WORKFLOW_PARAMS_FIELDS,
  TASK_DEF_DEFAULTS,
  TASK_DEF_FIELDS,
  TASK_DEF_NULL_AS,
  WORKFLOW_DEF_DEFAULTS,
  WORKFLOW_DEF_FIELDS,
  WORKFLOW_DEF_NULL_AS,
  WORKFLOW_TASK_DEFAULTS,
  WORKFLOW_TASK_FIELDS,
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

/** One model class: its properties, defaults, and what `null` becomes for its primitives. */
interface ClassShape {
  fields: readonly string[];
  defaults?: Readonly<JsonObject>;
  nullAs?: Readonly<JsonObject>;
}

const TASK_DEF: ClassShape = { fields: TASK_DEF_FIELDS, defaults: TASK_DEF_DEFAULTS, nullAs: TASK_DEF_NULL_AS };
const WORKFLOW_DEF: ClassShape = { fields: WORKFLOW_DEF_FIELDS, defaults: WORKFLOW_DEF_DEFAULTS, nullAs: WORKFLOW_DEF_NULL_AS };
const WORKFLOW_TASK: ClassShape = { fields: WORKFLOW_TASK_FIELDS, defaults: WORKFLOW_TASK_DEFAULTS };
const SCHEMA_DEF: ClassShape = { fields: SCHEMA_DEF_FIELDS, defaults: SCHEMA_DEF_DEFAULTS, nullAs: SCHEMA_DEF_NULL_AS };
const RATE_LIMIT_CONFIG: ClassShape = { fields: RATE_LIMIT_CONFIG_FIELDS, defaults: RATE_LIMIT_CONFIG_DEFAULTS };
const CACHE_CONFIG: ClassShape = { fields: CACHE_CONFIG_FIELDS, defaults: CACHE_CONFIG_DEFAULTS };
const SUB_WORKFLOW_PARAMS: ClassShape = { fields: SUB_WORKFLOW_PARAMS_FIELDS };
const STATE_CHANGE_EVENT: ClassShape = { fields: STATE_CHANGE_EVENT_FIELDS };

/** Per shape, the fields it keeps (its fields minus the server-managed ones), as a Set. */
const keptFields = new WeakMap<ClassShape, ReadonlySet<string>>();

function isKept(shape: ClassShape, field: string): boolean {
  let kept = keptFields.get(shape);
  if (!kept) {
    kept = new Set(shape.fields.filter((name) => !SERVER_MANAGED_FIELDS.includes(name)));
    keptFields.set(shape, kept);
  }
  return kept.has(field);
}

/**
 * Shapes `target` as the server reads and writes an object of that class: unknown properties
 * and server-managed fields dropped, nulls replaced (NON_NULL output: `null` reads back as
 * absent, except Java primitives, where Jackson stores 0/false), defaults filled.
 */
function fillObject(target: JsonObject, shape: ClassShape): JsonObject {
  for (const field of Object.keys(target)) {
    if (!isKept(shape, field)) delete target[field];
    else if (target[field] === null) {
      if (shape.nullAs && field in shape.nullAs) target[field] = shape.nullAs[field];
      else delete target[field];
    }
  }
  for (const [field, value] of defaultsOf(shape)) {
    if (target[field] === undefined) target[field] = cloneJson(value);
  }
  return target;
}

/** Per shape, its defaults as entries (listed once, not on every object filled). */
const defaultEntries = new WeakMap<ClassShape, readonly [string, unknown][]>();

function defaultsOf(shape: ClassShape): readonly [string, unknown][] {
  let entries = defaultEntries.get(shape);
  if (!entries) {
    entries = Object.entries(shape.defaults ?? {});
    defaultEntries.set(shape, entries);
  }
  return entries;
}

/** Shapes `owner[field]` when it holds an object; a non-object is left for validation. */
function fillMember(owner: JsonObject, field: string, shape: ClassShape): void {
  const value = owner[field];
  if (isPlainObject(value)) fillObject(value, shape);
}

function fillTaskDef(def: JsonObject): JsonObject {
  fillObject(def, TASK_DEF);
  fillMember(def, 'inputSchema', SCHEMA_DEF);
  fillMember(def, 'outputSchema', SCHEMA_DEF);
  return def;
}

function fillWorkflowDef(def: JsonObject): JsonObject {
  fillObject(def, WORKFLOW_DEF);
  // A primitive int on the server that defaults to 1; absent means 1, as in keyId.
  if (def['version'] === undefined) def['version'] = 1;
  for (const field of ['inputSchema', 'outputSchema']) fillMember(def, field, SCHEMA_DEF);
  fillMember(def, 'rateLimitConfig', RATE_LIMIT_CONFIG);
  fillMember(def, 'cacheConfig', CACHE_CONFIG);
  def['tasks'] = mapTaskList(def['tasks']);
  return def;
}

function fillWorkflowTask(task: unknown): unknown {
  if (!isPlainObject(task)) return task;
  fillObject(task, WORKFLOW_TASK);
  const forkTasks = task['forkTasks'];
  if (Array.isArray(forkTasks)) task['forkTasks'] = forkTasks.map(mapTaskList);
  const decisionCases = task['decisionCases'];
  if (isPlainObject(decisionCases)) {
    for (const [value, branch] of Object.entries(decisionCases)) decisionCases[value] = mapTaskList(branch);
  }
  // defaultExclusiveJoinTask is a List<String> of refs, not tasks.
  for (const field of ['defaultCase', 'loopOver']) task[field] = mapTaskList(task[field]);
  const taskDefinition = task['taskDefinition'];
  if (isPlainObject(taskDefinition)) fillTaskDef(taskDefinition);
  fillMember(task, 'cacheConfig', CACHE_CONFIG);
  fillOnStateChange(task['onStateChange']);
  const subWorkflowParam = task['subWorkflowParam'];
  if (isPlainObject(subWorkflowParam)) fillSubWorkflowParam(subWorkflowParam);
  return task;
}

/** `onStateChange`: `{ "onStart,onFailed": [StateChangeEvent] }`. */
function fillOnStateChange(value: unknown): void {
  if (!isPlainObject(value)) return;
  for (const events of Object.values(value)) {
    if (Array.isArray(events)) for (const event of events) if (isPlainObject(event)) fillObject(event, STATE_CHANGE_EVENT);
  }
}

/**
 * SubWorkflowParams: an object `workflowDefinition` is converted to a WorkflowDef (a "${...}"
 * string is an expression, left as is), and then getName/getVersion answer from it, so the
 * read-back shows the inline def's name and version (1 when the inline def omits it).
 */
function fillSubWorkflowParam(param: JsonObject): void {
  fillObject(param, SUB_WORKFLOW_PARAMS);
  const inline = param['workflowDefinition'];
  if (!isPlainObject(inline)) return;
  fillWorkflowDef(inline);
  for (const field of ['name', 'version']) {
    if (inline[field] === undefined) delete param[field];
    else param[field] = inline[field];
  }
}

function mapTaskList(value: unknown): unknown {
  return Array.isArray(value) ? value.map(fillWorkflowTask) : value;
}
