/**
 * What workers do to tasks: a poll hands a task out (ExecutionService#poll, A2/A3) and a
 * TaskResult updates it (WorkflowExecutorOps#updateTask, A4/A7/A8/A13, §3.4 "Update
 * semantics"). Both mutate the in-memory records and record the changes; the update then runs
 * the decider, so the next task is scheduled within the same call (A4).
 */
import { touchWorkflow, type EngineContext } from './context.js';
import { decide } from './decider.js';
import { isTaskTerminal, isWorkflowTerminal, type Execution, type JsonMap, type TaskModel, type TaskStatus } from './model.js';
import { isQueuedTask } from './task-types.js';

/** TaskResult as a worker posts it (common/.../metadata/tasks/TaskResult.java). */
export interface TaskResult {
  workflowInstanceId: string;
  taskId: string;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'FAILED_WITH_TERMINAL_ERROR' | 'CANCELED';
  outputData?: JsonMap;
  reasonForIncompletion?: string;
  callbackAfterSeconds?: number;
  workerId?: string;
  subWorkflowId?: string;
  extendLease?: boolean;
}

export const TASK_RESULT_STATUSES: ReadonlySet<string> = new Set(['IN_PROGRESS', 'COMPLETED', 'FAILED', 'FAILED_WITH_TERMINAL_ERROR', 'CANCELED']);

const MAX_REASON = 500;

/** Hands a queued task to a worker: IN_PROGRESS, startTime on first poll, pollCount + 1 (A3). */
export function markPolled(task: TaskModel, workerId: string | undefined, ctx: EngineContext): void {
  task.status = 'IN_PROGRESS';
  if (task.startTime === 0) task.startTime = ctx.now;
  task.callbackAfterSeconds = 0;
  if (workerId !== undefined) task.workerId = workerId;
  else delete task.workerId;
  task.pollCount += 1;
  task.updateTime = ctx.now;
  delete task.visibleAt;
  ctx.changes.touchTask(task);
}

export type UpdateOutcome = 'updated' | 'ignored';

/**
 * Applies a TaskResult. A task already terminal, or in a terminal execution, is left as it is
 * ('ignored', A13). `extendLease` only refreshes updateTime (A21).
 */
export function applyTaskResult(execution: Execution, task: TaskModel, result: TaskResult, ctx: EngineContext): UpdateOutcome {
  if (result.extendLease) {
    if (!isTaskTerminal(task.status)) {
      task.updateTime = ctx.now;
      ctx.changes.touchTask(task);
    }
    return 'ignored';
  }
  if (isTaskTerminal(task.status) || isWorkflowTerminal(execution.status)) return 'ignored';
  const status: TaskStatus = result.status === 'IN_PROGRESS' && isQueuedTask(task) ? 'SCHEDULED' : result.status;
  task.status = status;
  const reason = result.reasonForIncompletion;
  if (reason !== undefined && reason !== null) task.reasonForIncompletion = reason.length > MAX_REASON ? reason.slice(0, MAX_REASON) : reason;
  else delete task.reasonForIncompletion;
  if (result.workerId !== undefined && result.workerId !== null) task.workerId = result.workerId;
  task.callbackAfterSeconds = result.callbackAfterSeconds ?? 0;
  task.outputData = result.outputData ?? {};
  if (result.subWorkflowId) task.subWorkflowId = result.subWorkflowId;
  task.updateTime = ctx.now;
  if (isTaskTerminal(status)) {
    task.endTime = ctx.now;
    delete task.visibleAt;
  } else if (isQueuedTask(task)) {
    // IN_PROGRESS from a worker: back in the queue, visible after callbackAfterSeconds (A7/A8).
    task.visibleAt = ctx.now + task.callbackAfterSeconds * 1000;
  }
  ctx.changes.touchTask(task);
  touchWorkflow(execution, ctx);
  decide(execution, ctx);
  return 'updated';
}

/** The by-ref update's target: first non-terminal task with the ref (or its `__N` loop form). */
export function findPendingTaskByRef(execution: Execution, ref: string): TaskModel | undefined {
  const pending = execution.tasks.filter((t) => !isTaskTerminal(t.status));
  return pending.find((t) => t.referenceTaskName === ref) ?? pending.find((t) => t.referenceTaskName.replace(/__\d+$/, '') === ref);
}
