/**
 * Reading the structure of a workflow def: walk its tasks at any depth (forkTasks,
 * decisionCases, defaultCase, loopOver) with where each one sits,
 * and collect what it depends on: task defs by task name, other workflows through
 * SUB_WORKFLOW, START_WORKFLOW and failureWorkflow.
 */
import type { JsonObject, Resource } from './model.js';
import { isPlainObject } from './normalize-json.js';

/** Where a task sits: its parent's ref and branch (none for top level) and its predecessor. */
export interface TaskLocation {
  /** Ref of the enclosing task; absent at the top level. */
  parent?: string;
  /** `case <value>`, `defaultCase`, `fork <n>` (1-based), `loopOver`. */
  branch?: string;
  /** Ref of the previous task in the same list; absent for the first. */
  after?: string;
  index: number;
}

export interface TaskVisit {
  task: JsonObject;
  ref: string;
  location: TaskLocation;
}

/**
 * Fields of a WorkflowTask that hold nested tasks. Not `defaultExclusiveJoinTask`: despite its
 * name it is a List<String> of task refs (WorkflowTask.java), an ordinary field of its task.
 */
export const CHILD_TASK_FIELDS: readonly string[] = ['forkTasks', 'decisionCases', 'defaultCase', 'loopOver'];

/** Every task of a workflow def in document order (parents before children). */
export function listTasks(body: JsonObject): TaskVisit[] {
  const out: TaskVisit[] = [];
  visitList(body['tasks'], {}, out);
  return out;
}

function visitList(list: unknown, container: { parent?: string; branch?: string }, out: TaskVisit[]): void {
  if (!Array.isArray(list)) return;
  let previous: string | undefined;
  list.forEach((task, index) => {
    if (!isPlainObject(task)) return;
    const ref = typeof task['taskReferenceName'] === 'string' ? task['taskReferenceName'] : `#${out.length}`;
    const location: TaskLocation = { ...container, index };
    if (previous !== undefined) location.after = previous;
    out.push({ task, ref, location });
    for (const [branch, children] of childLists(task)) visitList(children, { parent: ref, branch }, out);
    previous = ref;
  });
}

/** The nested task lists of one task, labelled by branch. */
export function childLists(task: JsonObject): [string, unknown][] {
  const lists: [string, unknown][] = [];
  const decisionCases = task['decisionCases'];
  if (isPlainObject(decisionCases)) {
    for (const [value, branch] of Object.entries(decisionCases)) lists.push([`case ${value}`, branch]);
  }
  lists.push(['defaultCase', task['defaultCase']]);
  const forkTasks = task['forkTasks'];
  if (Array.isArray(forkTasks)) forkTasks.forEach((branch, i) => lists.push([`fork ${i + 1}`, branch]));
  lists.push(['loopOver', task['loopOver']]);
  return lists;
}

/**
 * The tasks of listTasks, in the same order, without their locations: for the collectors
 * below, which the planner and apply call for every workflow, several times. Walks the same
 * branches as childLists (decisionCases, defaultCase, forkTasks, loopOver) without building
 * the labelled lists.
 */
function walkTasks(list: unknown, visit: (task: JsonObject) => void): void {
  if (!Array.isArray(list)) return;
  for (const task of list) {
    if (!isPlainObject(task)) continue;
    visit(task);
    const decisionCases = task['decisionCases'];
    if (isPlainObject(decisionCases)) for (const key in decisionCases) if (Object.prototype.hasOwnProperty.call(decisionCases, key)) walkTasks(decisionCases[key], visit);
    walkTasks(task['defaultCase'], visit);
    const forkTasks = task['forkTasks'];
    if (Array.isArray(forkTasks)) for (const branch of forkTasks) walkTasks(branch, visit);
    walkTasks(task['loopOver'], visit);
  }
}

/** Calls `visit` for every task of `body` and of its inline sub-workflow definitions, at any depth. */
function walkAllTasks(body: JsonObject, visit: (task: JsonObject) => void): void {
  const inline: JsonObject[] = [];
  walkTasks(body['tasks'], (task) => {
    visit(task);
    const param = task['subWorkflowParam'];
    const definition = isPlainObject(param) ? param['workflowDefinition'] : undefined;
    if (isPlainObject(definition)) inline.push(definition);
  });
  // Inline definitions after the body's own tasks, each with its own inline ones (as before:
  // [body, ...inlineDefinitions(body)], depth first).
  for (const definition of inline) walkAllTasks(definition, visit);
}

/** Names of all tasks at any depth, inline sub-workflow definitions included. */
export function collectTaskNames(body: JsonObject): Set<string> {
  return collectDependencies(body).taskNames;
}

/**
 * The workflow defs among `resources` by each task name they use (in `resources` order): built
 * once, it answers "who uses task def X" for every changed task def without walking every
 * workflow again per task def.
 */
export function indexWorkflowsByTaskName(resources: Iterable<Resource>): Map<string, Resource[]> {
  const index = new Map<string, Resource[]>();
  for (const resource of resources) {
    if (resource.key.kind !== 'workflowDef') continue;
    for (const name of collectTaskNames(resource.body)) {
      const users = index.get(name);
      if (users) users.push(resource);
      else index.set(name, [resource]);
    }
  }
  return index;
}

export interface WorkflowReference {
  name: string;
  /** Absent: "the latest when the parent starts". */
  version?: number;
  via: 'SUB_WORKFLOW' | 'START_WORKFLOW' | 'failureWorkflow';
}

/** Other workflows this one needs, at any depth. `${...}` expressions are skipped. */
export function collectWorkflowReferences(body: JsonObject): WorkflowReference[] {
  return collectDependencies(body).references;
}

/** What a workflow depends on: its task names and the workflows it references, in one walk (apply orders every workflow by both). */
export function collectDependencies(body: JsonObject): { taskNames: Set<string>; references: WorkflowReference[] } {
  const taskNames = new Set<string>();
  const references: WorkflowReference[] = [];
  const failure = staticName(body['failureWorkflow']);
  if (failure) references.push(withVersion({ name: failure, via: 'failureWorkflow' }, body['failureWorkflowVersion']));
  walkAllTasks(body, (task) => {
    const name = task['name'];
    if (typeof name === 'string') taskNames.add(name);
    const reference = taskWorkflowReference(task);
    if (reference) references.push(reference);
  });
  return { taskNames, references };
}

function taskWorkflowReference(task: JsonObject): WorkflowReference | undefined {
  const type = task['type'];
  if (type === 'SUB_WORKFLOW' && isPlainObject(task['subWorkflowParam'])) {
    const param = task['subWorkflowParam'];
    const name = staticName(param['name']);
    return name ? withVersion({ name, via: 'SUB_WORKFLOW' }, param['version']) : undefined;
  }
  if (type !== 'START_WORKFLOW') return undefined;
  const input = task['inputParameters'];
  const start = isPlainObject(input) ? input['startWorkflow'] : undefined;
  if (isPlainObject(start)) {
    const name = staticName(start['name']);
    return name ? withVersion({ name, via: 'START_WORKFLOW' }, start['version']) : undefined;
  }
  return undefined;
}

function staticName(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && !value.includes('${') ? value : undefined;
}

function withVersion(ref: WorkflowReference, version: unknown): WorkflowReference {
  return typeof version === 'number' ? { ...ref, version } : ref;
}
