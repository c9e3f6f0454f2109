/**
 * The task tree of one workflow def, flattened: every task (nested in switch cases, fork
 * branches and loops too) with its pointer, its enclosing containers and its position in its
 * list. Children follow the server's rule (WorkflowTask.children()): only SWITCH/DECISION,
 * FORK_JOIN and DO_WHILE have nested tasks; inline sub-workflow definitions are separate
 * workflows and are not part of this tree. Pure.
 */
import type { JsonObject } from '../core/model.js';
import { isPlainObject as isObject } from '../core/normalize-json.js';
import { joinPointer } from './pointer.js';

export interface TaskNode {
  task: JsonObject;
  /** Pointer relative to the definition being validated. */
  pointer: string;
  /** `type`, or SIMPLE when absent (the server's default). */
  type: string;
  ref: string | undefined;
  name: string | undefined;
  /** Enclosing container tasks, outermost first. */
  ancestors: TaskNode[];
  /** Pointer of the list holding this task ('/tasks', '/tasks/2/forkTasks/0', …). */
  list: string;
  index: number;
}

export interface TaskTree {
  /** Every task in document order (depth first). */
  nodes: TaskNode[];
  /** Tasks by taskReferenceName (more than one when the name is duplicated). */
  byRef: Map<string, TaskNode[]>;
  /** A FORK_JOIN_DYNAMIC creates tasks whose references are unknown before run time. */
  hasDynamicFork: boolean;
}

/** Builds the tree of the workflow def whose `tasks` array is at `basePointer + '/tasks'`. */
export function buildTaskTree(workflow: JsonObject, basePointer = ''): TaskTree {
  const nodes: TaskNode[] = [];
  visitList(workflow['tasks'], joinPointer(basePointer, 'tasks'), [], nodes);
  const byRef = new Map<string, TaskNode[]>();
  for (const node of nodes) {
    if (node.ref === undefined) continue;
    const list = byRef.get(node.ref) ?? [];
    list.push(node);
    byRef.set(node.ref, list);
  }
  return { nodes, byRef, hasDynamicFork: nodes.some((n) => n.type === 'FORK_JOIN_DYNAMIC') };
}

/** The nested task lists of a task, with their pointers, following the server's rule. */
export function childListsOf(task: JsonObject, pointer: string): { pointer: string; tasks: unknown[]; label: string }[] {
  const type = typeOf(task);
  const lists: { pointer: string; tasks: unknown[]; label: string }[] = [];
  if (type === 'SWITCH' || type === 'DECISION') {
    const cases = task['decisionCases'];
    if (isObject(cases)) {
      for (const [value, list] of Object.entries(cases)) {
        if (Array.isArray(list)) lists.push({ pointer: joinPointer(pointer, 'decisionCases', value), tasks: list, label: `case '${value}'` });
      }
    }
    const fallback = task['defaultCase'];
    if (Array.isArray(fallback)) lists.push({ pointer: joinPointer(pointer, 'defaultCase'), tasks: fallback, label: 'the default case' });
  } else if (type === 'FORK_JOIN') {
    const branches = task['forkTasks'];
    if (Array.isArray(branches)) {
      branches.forEach((branch, i) => {
        if (Array.isArray(branch)) lists.push({ pointer: joinPointer(pointer, 'forkTasks', i), tasks: branch, label: `branch ${i}` });
      });
    }
  } else if (type === 'DO_WHILE') {
    const body = task['loopOver'];
    if (Array.isArray(body)) lists.push({ pointer: joinPointer(pointer, 'loopOver'), tasks: body, label: 'the loop' });
  }
  return lists;
}

function visitList(tasks: unknown, listPointer: string, ancestors: TaskNode[], out: TaskNode[]): void {
  if (!Array.isArray(tasks)) return;
  tasks.forEach((task, index) => {
    if (!isObject(task)) return;
    const pointer = joinPointer(listPointer, index);
    const node: TaskNode = {
      task,
      pointer,
      type: typeOf(task),
      ref: typeof task['taskReferenceName'] === 'string' ? task['taskReferenceName'] : undefined,
      name: typeof task['name'] === 'string' ? task['name'] : undefined,
      ancestors,
      list: listPointer,
      index,
    };
    out.push(node);
    for (const child of childListsOf(task, pointer)) visitList(child.tasks, child.pointer, [...ancestors, node], out);
  });
}

/** `type`, defaulting to SIMPLE like the server. */
export function typeOf(task: JsonObject): string {
  const type = task['type'];
  return typeof type === 'string' && type !== '' ? type : 'SIMPLE';
}

export { isObject };
