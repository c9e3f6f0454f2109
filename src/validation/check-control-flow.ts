/**
 * Control-flow checks: a fork must be followed by a JOIN that waits for the last task of
 * each branch, and a DO_WHILE loopCondition may only read what `$` holds at run time (the
 * loop's input, its own output and its tasks' outputs). Pure.
 */
import { dollarNames } from './expressions.js';
import { errorAt, warningAt, type Finding } from './finding.js';
import { joinPointer } from './pointer.js';
import { childListsOf, isObject, type TaskNode, type TaskTree } from './task-tree.js';

export function checkControlFlow(tree: TaskTree): Finding[] {
  const bySlot = new Map<string, TaskNode>();
  for (const node of tree.nodes) bySlot.set(`${node.list}#${node.index}`, node);
  const findings: Finding[] = [];
  for (const node of tree.nodes) {
    if (node.type === 'FORK_JOIN' || node.type === 'FORK_JOIN_DYNAMIC') {
      findings.push(...checkFork(node, bySlot.get(`${node.list}#${node.index + 1}`), tree));
    }
    if (node.type === 'DO_WHILE') findings.push(...checkLoopCondition(node, tree));
  }
  return findings;
}

/** ForkJoinTaskMapper fails the execution when the next task is not a JOIN. */
function checkFork(fork: TaskNode, next: TaskNode | undefined, tree: TaskTree): Finding[] {
  if (next?.type !== 'JOIN') {
    const found = next ? `'${next.ref ?? '?'}' (${next.type})` : 'nothing';
    return [errorAt(fork.pointer, 'FORK_WITHOUT_JOIN', `${fork.type} '${fork.ref ?? '?'}' must be followed by a JOIN task, found ${found}: the execution fails when the fork runs`)];
  }
  const joinOn = Array.isArray(next.task['joinOn']) ? next.task['joinOn'] : [];
  const findings: Finding[] = [];
  joinOn.forEach((ref, i) => {
    if (typeof ref === 'string' && !tree.byRef.has(ref)) {
      const at = joinPointer(next.pointer, 'joinOn', i);
      if (fork.type === 'FORK_JOIN_DYNAMIC') findings.push(warningAt(at, 'JOIN_UNKNOWN_REF', `joinOn '${ref}' is not a task of this workflow (fine only if the dynamic fork creates it)`));
      else findings.push(errorAt(at, 'JOIN_UNKNOWN_REF', `joinOn '${ref}' is not a task of this workflow: the JOIN would wait for it forever`));
    }
  });
  if (fork.type === 'FORK_JOIN') findings.push(...checkJoinCoversBranches(fork, next, joinOn));
  return findings;
}

function checkJoinCoversBranches(fork: TaskNode, join: TaskNode, joinOn: unknown[]): Finding[] {
  const findings: Finding[] = [];
  const joined = new Set(joinOn.filter((r): r is string => typeof r === 'string'));
  for (const branch of childListsOf(fork.task, fork.pointer)) {
    const refs = branch.tasks.map((t) => (isObject(t) && typeof t['taskReferenceName'] === 'string' ? t['taskReferenceName'] : undefined));
    const last = refs[refs.length - 1];
    if (last === undefined || joined.has(last)) continue;
    const earlier = refs.find((r) => r !== undefined && joined.has(r));
    const message = earlier
      ? `the JOIN waits for '${earlier}' but not for '${last}', the last task of ${branch.label}: it may complete before the branch does`
      : `the JOIN does not wait for ${branch.label} (its last task '${last}' is not in joinOn)`;
    findings.push(warningAt(joinPointer(join.pointer, 'joinOn'), 'JOIN_INCOMPLETE', message));
  }
  return findings;
}

/**
 * DoWhile.evaluateCondition puts into `$` the loop's resolved input, the loop's own output
 * under its reference, and each loop task's output under its reference.
 */
function checkLoopCondition(loop: TaskNode, tree: TaskTree): Finding[] {
  const condition = loop.task['loopCondition'];
  if (typeof condition !== 'string') return [];
  const input = isObject(loop.task['inputParameters']) ? Object.keys(loop.task['inputParameters']) : [];
  const inside = tree.nodes.filter((n) => n.ancestors.includes(loop)).map((n) => n.ref);
  // List iteration (`items`) also injects loopIndex and loopItem.
  const listIteration = loop.task['items'] ? ['loopIndex', 'loopItem'] : [];
  const visible = new Set([...input, loop.ref, ...inside, ...listIteration]);
  const findings: Finding[] = [];
  for (const name of new Set(dollarNames(condition))) {
    if (visible.has(name)) continue;
    const at = joinPointer(loop.pointer, 'loopCondition');
    if (tree.byRef.has(name)) {
      findings.push(errorAt(at, 'LOOP_CONDITION_REF', `loopCondition reads $.${name}, but task '${name}' is outside the loop and not in $; pass it in through the loop's inputParameters`));
    } else {
      findings.push(warningAt(at, 'LOOP_CONDITION_REF', `loopCondition reads $.${name}, which is neither an input of the loop nor a task in it`));
    }
  }
  return findings;
}
