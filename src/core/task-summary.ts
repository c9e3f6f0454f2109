/**
 * The task-level summary of a workflow change, keyed by taskReferenceName at any depth:
 * which tasks were inserted (and where), removed, changed (which fields) or moved, plus the
 * workflow's own top-level fields that changed. Reviewers read this before the raw diff.
 */
import type { JsonObject } from './model.js';
import { changedFieldPaths, diffBodies } from './diff.js';
import { CHILD_TASK_FIELDS, listTasks, type TaskLocation, type TaskVisit } from './graph.js';
import { isJsonEqual } from './normalize-json.js';

export type TaskChangeKind = 'inserted' | 'removed' | 'changed' | 'moved';

/** Where a task sits in the new body (inserted, moved) or sat in the old one (removed). */
export type TaskPosition = Omit<TaskLocation, 'index'>;

export interface TaskChange {
  kind: TaskChangeKind;
  ref: string;
  position?: TaskPosition;
  /** Changed field paths of the task itself (`inputParameters.token`); `changed` only. */
  fields?: string[];
}

export interface WorkflowChangeSummary {
  /** Changed top-level workflow field paths, excluding `tasks` and `version`. */
  fields: string[];
  tasks: TaskChange[];
}

/** Summarize the change from `before` to `after` (both normalized workflow bodies). */
export function summarizeWorkflowChange(before: JsonObject, after: JsonObject): WorkflowChangeSummary {
  const { tasks: _beforeTasks, version: _beforeVersion, ...beforeFields } = before;
  const { tasks: _afterTasks, version: _afterVersion, ...afterFields } = after;
  return {
    fields: changedFieldPaths(diffBodies(beforeFields, afterFields)),
    tasks: summarizeTasks(listTasks(before), listTasks(after)),
  };
}

function summarizeTasks(beforeList: TaskVisit[], afterList: TaskVisit[]): TaskChange[] {
  const before = byRef(beforeList);
  const after = byRef(afterList);
  const moved = findMoved(beforeList, afterList, before, after);
  const changes: TaskChange[] = [];
  for (const visit of after.values()) {
    const old = before.get(visit.ref);
    if (!old) {
      changes.push({ kind: 'inserted', ref: visit.ref, position: positionOf(visit) });
      continue;
    }
    const fields = changedFieldPaths(diffBodies(ownFields(old.task), ownFields(visit.task)));
    if (fields.length > 0) changes.push({ kind: 'changed', ref: visit.ref, fields });
    if (moved.has(visit.ref)) changes.push({ kind: 'moved', ref: visit.ref, position: positionOf(visit) });
  }
  for (const visit of before.values()) {
    if (!after.has(visit.ref)) changes.push({ kind: 'removed', ref: visit.ref, position: positionOf(visit) });
  }
  return changes;
}

/** First visit per ref, in document order (refs are unique in a valid def). */
function byRef(list: TaskVisit[]): Map<string, TaskVisit> {
  const map = new Map<string, TaskVisit>();
  for (const visit of list) if (!map.has(visit.ref)) map.set(visit.ref, visit);
  return map;
}

function positionOf(visit: TaskVisit): TaskPosition {
  const { index: _index, ...position } = visit.location;
  return position;
}

/** The task without its nested task lists: children are summarized by their own refs. */
function ownFields(task: JsonObject): JsonObject {
  const own: JsonObject = {};
  for (const [field, value] of Object.entries(task)) if (!CHILD_TASK_FIELDS.includes(field)) own[field] = value;
  return own;
}

function containerOf(visit: TaskVisit): string {
  return `${visit.location.parent ?? ''}\u0000${visit.location.branch ?? ''}`;
}

/**
 * Refs present on both sides that changed container, or whose order among the refs common to
 * their container changed (those outside a longest common subsequence).
 */
function findMoved(
  beforeList: TaskVisit[],
  afterList: TaskVisit[],
  before: Map<string, TaskVisit>,
  after: Map<string, TaskVisit>,
): Set<string> {
  const moved = new Set<string>();
  const sequences = new Map<string, { old: string[]; now: string[] }>();
  for (const visit of after.values()) {
    const old = before.get(visit.ref);
    if (!old) continue;
    if (containerOf(old) !== containerOf(visit)) moved.add(visit.ref);
  }
  const common = (list: TaskVisit[], side: 'old' | 'now') => {
    for (const visit of list) {
      if (!before.has(visit.ref) || !after.has(visit.ref) || moved.has(visit.ref)) continue;
      const container = containerOf(visit);
      const entry = sequences.get(container) ?? { old: [], now: [] };
      if (!entry[side].includes(visit.ref)) entry[side].push(visit.ref);
      sequences.set(container, entry);
    }
  };
  common(beforeList, 'old');
  common(afterList, 'now');
  for (const { old, now } of sequences.values()) {
    if (isJsonEqual(old, now)) continue;
    const kept = new Set(longestCommonSubsequence(old, now));
    for (const ref of now) if (!kept.has(ref)) moved.add(ref);
  }
  return moved;
}

function longestCommonSubsequence(a: string[], b: string[]): string[] {
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}
