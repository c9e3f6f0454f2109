/**
 * Can task R have run before task T on the same execution? Answers from the tree shape only:
 * sequence order, switch branches, fork branches and loops. Pure.
 */
import type { TaskNode } from './task-tree.js';

/**
 * - `self`: the same task;
 * - `ancestor`: R encloses T (a switch, fork or loop T runs inside of): R has started;
 * - `descendant`: R is nested inside T, so it runs after T's input is resolved;
 * - `before` / `later`: R precedes / follows T in a sequence they share;
 * - `otherBranch`: R is in another case of a switch that T is in;
 * - `parallel`: R is in another branch of a fork that T is in, before the JOIN.
 */
export type TaskOrder = 'self' | 'ancestor' | 'descendant' | 'before' | 'later' | 'otherBranch' | 'parallel';

export function orderOf(t: TaskNode, r: TaskNode): TaskOrder {
  if (t === r) return 'self';
  if (t.ancestors.includes(r)) return 'ancestor';
  if (r.ancestors.includes(t)) return 'descendant';
  let depth = 0;
  while (depth < t.ancestors.length && depth < r.ancestors.length && t.ancestors[depth] === r.ancestors[depth]) depth++;
  const tSide = t.ancestors[depth] ?? t;
  const rSide = r.ancestors[depth] ?? r;
  if (tSide.list === rSide.list) return rSide.index < tSide.index ? 'before' : 'later';
  const container = t.ancestors[depth - 1];
  return container?.type === 'FORK_JOIN' ? 'parallel' : 'otherBranch';
}

/** True when both tasks run inside the same DO_WHILE: an earlier iteration may have run R. */
export function shareLoop(t: TaskNode, r: TaskNode): boolean {
  const rLoops = new Set(r.ancestors.filter((a) => a.type === 'DO_WHILE'));
  if (r.type === 'DO_WHILE') rLoops.add(r);
  return t.ancestors.some((a) => a.type === 'DO_WHILE' && rLoops.has(a));
}
