/**
 * Automatic task retries (DeciderService#retry, conductor-api.md §6.3, engine-behaviour B1-B16).
 * A failed attempt with retries left becomes `retried: true` and a new record is returned with
 * a new id, `retryCount + 1`, `retriedTaskId`, SCHEDULED, its input re-resolved and
 * `callbackAfterSeconds = startDelayInSeconds = delay`. With no retries left the workflow ends
 * (TerminateWorkflow), unless the task is optional or permissive (then `undefined`).
 */
import { TerminateWorkflow, type EngineContext } from './context.js';
import { isTaskRetriable, type Execution, type TaskDef, type TaskModel, type WorkflowStatus } from './model.js';
import { computeTaskInput } from './params.js';

const INT_MAX = 2147483647;
/** Control-flow types that are never auto-retried (TaskType#isBuiltIn). */
const BUILT_IN = new Set(['DECISION', 'SWITCH', 'FORK', 'FORK_JOIN', 'JOIN', 'EXCLUSIVE_JOIN', 'DO_WHILE', 'FORK_JOIN_DYNAMIC']);

/** Retry delay in seconds for the attempt after `failedRetryCount` (B6, B8, B9). */
export function computeRetryDelaySeconds(def: TaskDef, failedRetryCount: number): number {
  let delay: number;
  switch (def.retryLogic) {
    case 'LINEAR_BACKOFF':
      delay = def.retryDelaySeconds * def.backoffScaleFactor * (failedRetryCount + 1);
      break;
    case 'EXPONENTIAL_BACKOFF':
      delay = def.retryDelaySeconds * 2 ** failedRetryCount;
      break;
    default:
      delay = def.retryDelaySeconds;
  }
  // Java int arithmetic overflows to a negative number, which the server clamps (B8).
  if (delay > INT_MAX || delay < 0) delay = INT_MAX;
  if (def.maxRetryDelaySeconds > 0 && delay > def.maxRetryDelaySeconds) delay = def.maxRetryDelaySeconds;
  return delay;
}

function workflowStatusFor(task: TaskModel): WorkflowStatus {
  if (task.status === 'CANCELED') return 'TERMINATED';
  if (task.status === 'TIMED_OUT') return 'TIMED_OUT';
  return 'FAILED';
}

/**
 * Returns the next attempt, or undefined when an optional/permissive task has no retries left.
 * Throws TerminateWorkflow when the workflow must end.
 */
export function retryTask(task: TaskModel, execution: Execution, ctx: EngineContext, random: () => number = Math.random): TaskModel | undefined {
  const wt = task.workflowTask;
  const def = task.taskDefinition ?? wt.taskDefinition;
  const allowed = def ? (wt.retryCount ?? def.retryCount) : 0;
  if (!def || !isTaskRetriable(task.status) || BUILT_IN.has(task.taskType) || allowed <= task.retryCount) {
    if (wt.optional || wt.permissive) return undefined;
    const status = workflowStatusFor(task);
    throw new TerminateWorkflow(`Task ${task.taskId} failed with status: ${status} and reason: '${task.reasonForIncompletion ?? null}'`, status, task);
  }
  if (def.totalTimeoutSeconds > 0 && task.firstScheduledTime > 0) {
    const elapsed = Math.floor((ctx.now - task.firstScheduledTime) / 1000);
    if (elapsed >= def.totalTimeoutSeconds) {
      throw new TerminateWorkflow(
        `Task ${task.taskId}/${task.taskDefName} exceeded total timeout of ${def.totalTimeoutSeconds} seconds (elapsed ${elapsed} seconds across all attempts). No further retries will be attempted.`,
        task.status === 'TIMED_OUT' ? 'TIMED_OUT' : 'FAILED',
        task,
      );
    }
  }
  const delay = computeRetryDelaySeconds(def, task.retryCount);
  const jitterMs = def.backoffJitterMs > 0 ? Math.floor(random() * (def.backoffJitterMs + 1)) : 0;
  task.retried = true;
  ctx.changes.touchTask(task);
  const taskId = ctx.newId();
  const next: TaskModel = {
    ...task,
    taskId,
    retriedTaskId: task.taskId,
    retryCount: task.retryCount + 1,
    retried: false,
    executed: false,
    status: 'SCHEDULED',
    seq: 0,
    pollCount: 0,
    outputData: {},
    scheduledTime: ctx.now,
    startTime: 0,
    endTime: 0,
    updateTime: 0,
    startDelayInSeconds: delay,
    callbackAfterSeconds: delay,
    visibleAt: ctx.now + delay * 1000 + jitterMs,
    inputData: { ...task.inputData, ...computeTaskInput(wt.inputParameters, execution, taskId, def) },
  };
  delete next.workerId;
  delete next.subWorkflowId;
  return next;
}
