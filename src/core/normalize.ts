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
import { isPlainObject, sortKeysDeep } from './normalize-json.js';
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
  return fillTaskDef(body);
}

/** Normalize a workflow def body (sections 4.2, 4.3). Returns a new object with sorted keys. */
export function normalizeWorkflowDef(body: JsonObject): JsonObject {
  return fillWorkflowDef(body);
}

/*
 * The helpers below build the normalized copy in one pass and never mutate their input: each
 * model-class object is written field by field in sorted order (its fields are known), its
 * class-typed members normalized the same way, and every other member copied by sortKeysDeep.
 * The result equals sortKeysDeep(<fill a deep clone in place>), without the clone.
 */

/** How one field's value is normalized (after null replacement and default filling). */
type FieldTransform = (value: unknown) => unknown;

/** One model class: its properties, defaults, what `null` becomes for its primitives, and its class-typed fields. */
interface ClassShape {
  fields: readonly string[];
  defaults?: Readonly<JsonObject>;
  nullAs?: Readonly<JsonObject>;
  transforms?: Readonly<Record<string, FieldTransform>>;
}

const SCHEMA_DEF: ClassShape = { fields: SCHEMA_DEF_FIELDS, defaults: SCHEMA_DEF_DEFAULTS, nullAs: SCHEMA_DEF_NULL_AS };
const RATE_LIMIT_CONFIG: ClassShape = { fields: RATE_LIMIT_CONFIG_FIELDS, defaults: RATE_LIMIT_CONFIG_DEFAULTS };
const CACHE_CONFIG: ClassShape = { fields: CACHE_CONFIG_FIELDS, defaults: CACHE_CONFIG_DEFAULTS };
const SUB_WORKFLOW_PARAMS: ClassShape = {
  fields: SUB_WORKFLOW_PARAMS_FIELDS,
  transforms: { workflowDefinition: (value) => (isPlainObject(value) ? fillWorkflowDef(value) : sortKeysDeep(value)) },
};
const STATE_CHANGE_EVENT: ClassShape = { fields: STATE_CHANGE_EVENT_FIELDS };

/** A member of class `shape` when it holds an object; a non-object is left for validation. */
const member =
  (shape: ClassShape): FieldTransform =>
  (value) =>
    isPlainObject(value) ? shapeObject(value, shape) : sortKeysDeep(value);

const TASK_DEF: ClassShape = {
  fields: TASK_DEF_FIELDS,
  defaults: TASK_DEF_DEFAULTS,
  nullAs: TASK_DEF_NULL_AS,
  transforms: { inputSchema: member(SCHEMA_DEF), outputSchema: member(SCHEMA_DEF) },
};
const WORKFLOW_DEF: ClassShape = {
  fields: WORKFLOW_DEF_FIELDS,
  defaults: WORKFLOW_DEF_DEFAULTS,
  nullAs: WORKFLOW_DEF_NULL_AS,
  transforms: {
    // A primitive int on the server that defaults to 1; absent means 1, as in keyId.
    version: (value) => (value === undefined ? 1 : value),
    inputSchema: member(SCHEMA_DEF),
    outputSchema: member(SCHEMA_DEF),
    rateLimitConfig: member(RATE_LIMIT_CONFIG),
    cacheConfig: member(CACHE_CONFIG),
    tasks: mapTaskList,
  },
};
const WORKFLOW_TASK: ClassShape = {
  fields: WORKFLOW_TASK_FIELDS,
  defaults: WORKFLOW_TASK_DEFAULTS,
  transforms: {
    forkTasks: (value) => (Array.isArray(value) ? value.map(mapTaskList) : sortKeysDeep(value)),
    decisionCases: (value) => (isPlainObject(value) ? mapMembers(value, mapTaskList) : sortKeysDeep(value)),
    // defaultExclusiveJoinTask is a List<String> of refs, not tasks.
    defaultCase: mapTaskList,
    loopOver: mapTaskList,
    taskDefinition: (value) => (isPlainObject(value) ? fillTaskDef(value) : sortKeysDeep(value)),
    cacheConfig: member(CACHE_CONFIG),
    onStateChange: (value) => (isPlainObject(value) ? mapMembers(value, fillStateChangeEvents) : sortKeysDeep(value)),
    subWorkflowParam: (value) => (isPlainObject(value) ? fillSubWorkflowParam(value) : sortKeysDeep(value)),
  },
};

/** How shapeObject treats one kept field, looked up once per shape instead of per object. */
interface FieldPlan {
  name: string;
  /** The field's name is also an Object.prototype member: read it as an own property only. */
  inherited: boolean;
  hasNullAs: boolean;
  nullAs: unknown;
  fallback: unknown;
  transform: FieldTransform | undefined;
}

/** Per shape, the fields it keeps (its fields minus the server-managed ones), sorted as sortKeysDeep sorts keys. */
const fieldPlans = new WeakMap<ClassShape, readonly FieldPlan[]>();

function planOf(shape: ClassShape): readonly FieldPlan[] {
  let plan = fieldPlans.get(shape);
  if (!plan) {
    const { defaults, nullAs, transforms } = shape;
    plan = shape.fields
      .filter((name) => !SERVER_MANAGED_FIELDS.includes(name))
      .sort()
      .map((name) => ({
        name,
        inherited: name in Object.prototype,
        hasNullAs: nullAs !== undefined && name in nullAs,
        nullAs: nullAs?.[name],
        fallback: defaults?.[name],
        transform: transforms && Object.prototype.hasOwnProperty.call(transforms, name) ? transforms[name] : undefined,
      }));
    fieldPlans.set(shape, plan);
  }
  return plan;
}

/**
 * `source` normalized as the server reads and writes an object of that class, as a new object
 * with sorted keys: unknown properties and server-managed fields dropped, nulls replaced
 * (NON_NULL output: `null` reads back as absent, except Java primitives, where Jackson stores
 * 0/false), defaults filled, members normalized. (No field name is an array index, so sorted
 * field order is the key order of the result.)
 */
function shapeObject(source: JsonObject, shape: ClassShape): JsonObject {
  return shaperOf(shape)(source);
}

type Shaper = (source: JsonObject) => JsonObject;
const shapers = new WeakMap<ClassShape, Shaper>();

/**
 * shapeObject for one class as straight-line code, generated once from its field plan: one
 * constant-key read and write per field instead of a loop over plan records. A short-lived CLI
 * runs this code mostly before the JIT has optimized it, and there the unrolled form is about
 * twice as fast (bench/plan-apply.mjs). Values are read only through the plan's arrays; field
 * names are embedded as JSON string literals.
 */
function shaperOf(shape: ClassShape): Shaper {
  let shaper = shapers.get(shape);
  if (shaper) return shaper;
  const plan = planOf(shape);
  const lines = ['const target = {};', 'let v;'];
  plan.forEach((field, i) => {
    const key = JSON.stringify(field.name);
    lines.push(field.inherited ? `v = hasOwn(source, ${key}) ? source[${key}] : undefined;` : `v = source[${key}];`);
    lines.push(`if (v === null) v = ${field.hasNullAs ? `nullAs[${i}]` : 'undefined'};`);
    if (field.fallback !== undefined) lines.push(`if (v === undefined) v = fallback[${i}];`);
    if (field.transform) lines.push(`v = transform[${i}](v);`);
    else lines.push(`if (typeof v === 'object' && v !== null) v = sortKeysDeep(v);`);
    lines.push(`if (v !== undefined) target[${key}] = v;`);
  });
  lines.push('return target;');
  const build = new Function('nullAs', 'fallback', 'transform', 'sortKeysDeep', 'hasOwn', `return function shape(source) {\n${lines.join('\n')}\n};`);
  shaper = build(
    plan.map((f) => f.nullAs),
    plan.map((f) => f.fallback),
    plan.map((f) => f.transform),
    sortKeysDeep,
    (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key),
  ) as Shaper;
  shapers.set(shape, shaper);
  return shaper;
}

function fillTaskDef(body: JsonObject): JsonObject {
  return shapeObject(body, TASK_DEF);
}

function fillWorkflowDef(body: JsonObject): JsonObject {
  return shapeObject(body, WORKFLOW_DEF);
}

function fillWorkflowTask(task: unknown): unknown {
  return isPlainObject(task) ? shapeObject(task, WORKFLOW_TASK) : sortKeysDeep(task);
}

/** A copy of a plain object with sorted keys, each member mapped (undefined results dropped, as sortKeysDeep does). */
function mapMembers(value: JsonObject, map: (member: unknown) => unknown): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === undefined) continue;
    const mapped = map(member);
    if (mapped !== undefined) out[key] = mapped;
  }
  return out;
}

/** A value of `onStateChange` (`{ "onStart,onFailed": [StateChangeEvent] }`). */
function fillStateChangeEvents(events: unknown): unknown {
  if (!Array.isArray(events)) return sortKeysDeep(events);
  return events.map((event) => (isPlainObject(event) ? shapeObject(event, STATE_CHANGE_EVENT) : sortKeysDeep(event)));
}

/**
 * SubWorkflowParams: an object `workflowDefinition` is converted to a WorkflowDef (a "${...}"
 * string is an expression, left as is), and then getName/getVersion answer from it, so the
 * read-back shows the inline def's name and version (1 when the inline def omits it).
 */
function fillSubWorkflowParam(source: JsonObject): JsonObject {
  const param = shapeObject(source, SUB_WORKFLOW_PARAMS);
  const inline = param['workflowDefinition'];
  if (!isPlainObject(inline)) return param;
  for (const field of ['name', 'version']) {
    if (inline[field] === undefined) delete param[field];
    else param[field] = inline[field];
  }
  // name/version may have been added at the end: put the keys back in order.
  const sorted: JsonObject = {};
  for (const key of Object.keys(param).sort()) sorted[key] = param[key];
  return sorted;
}

function mapTaskList(value: unknown): unknown {
  return Array.isArray(value) ? value.map(fillWorkflowTask) : sortKeysDeep(value);
}
