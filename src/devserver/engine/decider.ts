/**
 * The decider: one evaluation of an execution (DeciderService#decide) and the decide loop
 * around it (WorkflowExecutorOps#decide). It checks timeouts, retries failed tasks, schedules
 * what follows each newly finished task, runs synchronous system tasks inline and repeats
 * until nothing changes, then completes or ends the execution. It mutates the execution in
 * memory and records every changed record in `ctx.changes`; it never does I/O.
 */
import { TerminateWorkflow, touchWorkflow, type EngineContext } from './context.js';
import { completeWorkflow, cancelNonTerminalTasks, terminateExecution, terminateFromDecider } from './lifecycle.js';
import { isTaskSuccessful, isTaskTerminal, isWorkflowTerminal, type Execution, type TaskModel, type WorkflowTask } from './model.js';
import { isSkipped, isWorkflowComplete, nextUnskipped } from './navigation.js';
import { retryTask } from './retry.js';
import { appendTasks } from './records.js';
import { handlerFor, isQueuedTask } from './task-types.js';
import { checkTaskTimeouts, checkWorkflowTimeout } from './timeouts.js';

interface DeciderOutcome {
  tasksToBeScheduled: TaskModel[];
  isComplete: boolean;
  terminateTask?: TaskModel;
}

/** Records for `workflowTask` (DeciderService#getTasksToBeScheduled). */
export function mapTasks(execution: Execution, workflowTask: WorkflowTask, ctx: EngineContext, retryCount = 0): TaskModel[] {
  return handlerFor(workflowTask.type).map({ execution, workflowTask, retryCount, ctx });
}

/** DeciderService#startWorkflow: the first non-skipped task of the definition. */
function firstTasks(execution: Execution, ctx: EngineContext): TaskModel[] {
  const tasks = execution.workflowDefinition.tasks;
  let first = tasks[0];
  if (!first) throw new TerminateWorkflow('No tasks found to be executed', 'COMPLETED');
  while (first && isSkipped(first, execution)) first = nextUnskipped(execution.workflowDefinition, first.taskReferenceName, execution);
  return first ? mapTasks(execution, first, ctx) : [];
}

function processPendingTask(task: TaskModel, execution: Execution, ctx: EngineContext, toSchedule: Map<string, TaskModel>, executedRefs: Set<string>): void {
  const def = task.taskDefinition ?? task.workflowTask.taskDefinition;
  // A pending system task is evaluated again in this round (async system tasks later).
  if (handlerFor(task.workflowTask.type).isSystem && !isTaskTerminal(task.status)) {
    if (!toSchedule.has(task.referenceTaskName)) toSchedule.set(task.referenceTaskName, task);
    executedRefs.delete(task.referenceTaskName);
  }
  if (def && checkTaskTimeouts(def, task, ctx.now, task.workflowTask.asyncComplete && !isQueuedTask(task))) {
    task.endTime = ctx.now;
    delete task.visibleAt;
    ctx.changes.touchTask(task);
  }
  if (isTaskTerminal(task.status) && !isTaskSuccessful(task.status)) {
    const retry = retryTask(task, execution, ctx);
    if (retry) {
      toSchedule.set(retry.referenceTaskName, retry);
      executedRefs.delete(retry.referenceTaskName);
    } else if (!(task.workflowTask.permissive && !task.workflowTask.optional)) {
      task.status = 'COMPLETED_WITH_ERRORS';
      ctx.changes.touchTask(task);
    }
  }
  if (!task.executed && !task.retried && isTaskTerminal(task.status)) {
    task.executed = true;
    ctx.changes.touchTask(task);
    const next = nextUnskipped(execution.workflowDefinition, task.referenceTaskName, execution);
    if (next) for (const t of mapTasks(execution, next, ctx)) if (!toSchedule.has(t.referenceTaskName)) toSchedule.set(t.referenceTaskName, t);
  }
}

function decideOnce(execution: Execution, ctx: EngineContext): DeciderOutcome {
  const outcome: DeciderOutcome = { tasksToBeScheduled: [], isComplete: false };
  const unprocessed = execution.tasks.filter((t) => t.status !== 'SKIPPED' && !t.executed);
  const toSchedule = new Map<string, TaskModel>();
  if (unprocessed.length === 0) for (const t of firstTasks(execution, ctx)) toSchedule.set(t.referenceTaskName, t);
  checkWorkflowTimeout(execution, ctx.now);
  if (execution.status === 'PAUSED') return outcome;
  const pending: TaskModel[] = [];
  const executedRefs = new Set<string>();
  for (const task of execution.tasks) {
    if (!task.retried && task.status !== 'SKIPPED' && !task.executed) pending.push(task);
    if (task.executed) executedRefs.add(task.referenceTaskName);
    if (task.taskType === 'TERMINATE' && task.status === 'COMPLETED') outcome.terminateTask = task;
  }
  for (const task of pending) processPendingTask(task, execution, ctx, toSchedule, executedRefs);
  outcome.tasksToBeScheduled = [...toSchedule.values()].filter((t) => !executedRefs.has(t.referenceTaskName));
  if (outcome.terminateTask || (outcome.tasksToBeScheduled.length === 0 && isWorkflowComplete(execution))) {
    failOnPermissiveTasks(execution);
    outcome.isComplete = true;
  }
  return outcome;
}

/** A workflow that reaches its end with a failed permissive task fails (B16). */
function failOnPermissiveTasks(execution: Execution): void {
  const latest = new Map<string, TaskModel>();
  for (const t of execution.tasks) {
    if (!t.workflowTask.permissive || t.workflowTask.optional) continue;
    const seen = latest.get(t.referenceTaskName);
    if (!seen || t.retryCount > seen.retryCount) latest.set(t.referenceTaskName, t);
  }
  const failed = [...latest.values()].filter((t) => isTaskTerminal(t.status) && !isTaskSuccessful(t.status));
  if (failed.length > 0) {
    throw new TerminateWorkflow(failed.map((t) => `Task ${t.taskId} failed with status: ${t.status} and reason: '${t.reasonForIncompletion ?? null}'`).join('. '));
  }
}

/** Adds new records, skipping a ref + retryCount that already has a live record. */
function addTasks(execution: Execution, tasks: TaskModel[], ctx: EngineContext): void {
  const existing = new Set(execution.tasks.filter((t) => !t.retried).map((t) => `${t.referenceTaskName}_${t.retryCount}`));
  appendTasks(execution, tasks.filter((t) => !existing.has(`${t.referenceTaskName}_${t.retryCount}`) && !execution.tasks.includes(t)), ctx);
}

/** TERMINATE task success: complete, or end with its status and reason (endExecution). */
function endExecution(execution: Execution, terminateTask: TaskModel | undefined, ctx: EngineContext): void {
  if (!terminateTask) {
    completeWorkflow(execution, ctx);
    cancelNonTerminalTasks(execution, ctx);
    return;
  }
  const status = terminateTask.inputData['terminationStatus'];
  const given = terminateTask.inputData['terminationReason'];
  const reason = typeof given === 'string' && given.trim() !== '' ? given : `Workflow is ${String(status)} by TERMINATE task: ${terminateTask.taskId}`;
  if (status === 'FAILED' || status === 'TERMINATED') {
    execution.status = status;
    terminateFromDecider(execution, new TerminateWorkflow(reason, status, terminateTask), ctx);
  } else {
    execution.reasonForIncompletion = reason;
    completeWorkflow(execution, ctx);
  }
  cancelNonTerminalTasks(execution, ctx);
}

const MAX_DECIDE_ROUNDS = 10_000;

/** WorkflowExecutorOps#decide: evaluate until stable. */
export function decide(execution: Execution, ctx: EngineContext): void {
  if (isWorkflowTerminal(execution.status)) {
    if (execution.status !== 'COMPLETED') cancelNonTerminalTasks(execution, ctx);
    return;
  }
  try {
    for (let round = 0; round < MAX_DECIDE_ROUNDS; round++) {
      const outcome = decideOnce(execution, ctx);
      if (outcome.isComplete) return endExecution(execution, outcome.terminateTask, ctx);
      addTasks(execution, outcome.tasksToBeScheduled, ctx);
      let stateChanged = false;
      for (const task of outcome.tasksToBeScheduled) {
        const handler = handlerFor(task.workflowTask.type);
        if (handler.execute && !isTaskTerminal(task.status) && handler.execute(task, execution, ctx)) {
          ctx.changes.touchTask(task);
          stateChanged = true;
        }
      }
      if (!stateChanged) return;
    }
  } catch (error) {
    if (!(error instanceof TerminateWorkflow)) throw error;
    if (error.status === 'COMPLETED') {
      // An empty definition completes at once (H7).
      completeWorkflow(execution, ctx);
      return;
    }
    terminateFromDecider(execution, error, ctx);
  }
}

export { terminateExecution };
