/**
 * Walking the definition: which WorkflowTask follows a reference (WorkflowDef#getNextTask),
 * whether a reference was skipped, and whether the execution is complete
 * (DeciderService#checkForWorkflowCompletion).
 *
 * Containers (SWITCH, FORK_JOIN, DO_WHILE…) belong to a later issue: they plug in through
 * `registerNextWithin(type, fn)`, which answers "what follows `ref` inside this container"
 * (undefined = leave the container). Without a hook, what follows a nested reference is the
 * task after its top-level container, which is right for a finished container.
 */
import { childLists, findWorkflowTask } from './definitions.js';
import { findTaskByRef, isTaskTerminal, type Execution, type TaskModel, type WorkflowDef, type WorkflowTask } from './model.js';

type NextWithin = (container: WorkflowTask, ref: string, execution: Execution) => WorkflowTask | undefined;
const nextWithinHooks = new Map<string, NextWithin>();

export function registerNextWithin(type: string, fn: NextWithin): void {
  nextWithinHooks.set(type, fn);
}

function contains(task: WorkflowTask, ref: string): boolean {
  return childLists(task).some((list) => findWorkflowTask(list, ref) !== undefined);
}

/** The WorkflowTask to run after `ref`, or undefined at the end (or after a TERMINATE). */
export function getNextWorkflowTask(def: WorkflowDef, ref: string, execution: Execution): WorkflowTask | undefined {
  const self = findWorkflowTask(def.tasks, ref);
  if (self?.type === 'TERMINATE') return undefined;
  const tasks = def.tasks;
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i] as WorkflowTask;
    if (task.taskReferenceName === ref) return tasks[i + 1];
    if (contains(task, ref)) {
      const hook = nextWithinHooks.get(task.type);
      const inner = hook?.(task, ref, execution);
      return inner ?? tasks[i + 1];
    }
  }
  return undefined;
}

/** A reference that already has a SKIPPED record is passed over (D31). */
export function isSkipped(task: WorkflowTask | undefined, execution: Execution): boolean {
  if (!task) return false;
  return findTaskByRef(execution, task.taskReferenceName)?.status === 'SKIPPED';
}

/** The next WorkflowTask after `ref` that has not been skipped. */
export function nextUnskipped(def: WorkflowDef, ref: string, execution: Execution): WorkflowTask | undefined {
  let next = getNextWorkflowTask(def, ref, execution);
  while (next && isSkipped(next, execution)) next = getNextWorkflowTask(def, next.taskReferenceName, execution);
  return next;
}

/** DeciderService#checkForWorkflowCompletion. */
export function isWorkflowComplete(execution: Execution): boolean {
  const statusByRef = new Map<string, TaskModel['status']>();
  const notRetriedOrExecuted: TaskModel[] = [];
  for (const task of execution.tasks) {
    statusByRef.set(task.referenceTaskName, task.status);
    if (!isTaskTerminal(task.status)) return false;
    if (task.taskType === 'TERMINATE' && task.status === 'COMPLETED') return true;
    if (!task.retried || !task.executed) notRetriedOrExecuted.push(task);
  }
  if (statusByRef.size === 0) return false;
  for (const wt of execution.workflowDefinition.tasks) {
    const status = statusByRef.get(wt.taskReferenceName);
    if (status === undefined || !isTaskTerminal(status)) return false;
  }
  return notRetriedOrExecuted.every((task) => {
    const next = nextUnskipped(execution.workflowDefinition, task.referenceTaskName, execution);
    return next === undefined || statusByRef.has(next.taskReferenceName);
  });
}
