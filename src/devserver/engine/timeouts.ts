/**
 * Timeouts (DeciderService#checkWorkflowTimeout, checkTotalTimeout, checkTaskTimeout,
 * checkTaskPollTimeout, isResponseTimedOut; conductor-api.md §6.4, engine-behaviour C1-C11).
 * The checks mutate the task (TIMED_OUT + reason) or throw TerminateWorkflow, exactly where
 * the real decider does. `computeNextCheckAt` gives the earliest moment any of them can fire
 * (or a waiting system task asks to be evaluated, TaskTypeHandler#checkAt), which the store
 * keeps so the sweeper only re-decides executions that are due.
 */
import { TerminateWorkflow } from './context.js';
import { isTaskTerminal, isWorkflowTerminal, type Execution, type TaskDef, type TaskModel } from './model.js';
import { handlerFor } from './task-types.js';

export function checkWorkflowTimeout(execution: Execution, now: number): void {
  const def = execution.workflowDefinition;
  if (isWorkflowTerminal(execution.status) || def.timeoutSeconds <= 0) return;
  const deadline = workflowTimeoutAt(execution);
  if (deadline === undefined || now < deadline) return;
  const elapsed = now - (execution.lastRetriedTime > 0 ? execution.lastRetriedTime : execution.createTime);
  if (def.timeoutPolicy !== 'TIME_OUT_WF') return; // ALERT_ONLY: log only (C8)
  throw new TerminateWorkflow(
    `Workflow timed out after ${Math.floor(elapsed / 1000)} seconds. Timeout configured as ${def.timeoutSeconds} seconds. Timeout policy configured to ${def.timeoutPolicy}`,
    'TIMED_OUT',
  );
}

function workflowTimeoutAt(execution: Execution): number | undefined {
  const def = execution.workflowDefinition;
  if (def.timeoutSeconds <= 0 || def.timeoutPolicy !== 'TIME_OUT_WF') return undefined;
  const from = execution.lastRetriedTime > 0 ? execution.lastRetriedTime : execution.createTime;
  return from + def.timeoutSeconds * 1000;
}

function applyPolicy(reason: string, def: TaskDef, task: TaskModel): void {
  if (def.timeoutPolicy === 'ALERT_ONLY') return;
  task.status = 'TIMED_OUT';
  task.reasonForIncompletion = reason;
  if (def.timeoutPolicy === 'TIME_OUT_WF') throw new TerminateWorkflow(reason, 'TIMED_OUT', task);
}

/** All per-task checks in the decider's order; returns true when the task changed. */
export function checkTaskTimeouts(def: TaskDef, task: TaskModel, now: number, isAsyncComplete: boolean): boolean {
  const before = task.status;
  checkTotalTimeout(def, task, now);
  checkTaskTimeout(def, task, now);
  checkPollTimeout(def, task, now);
  if (isResponseTimedOut(def, task, now, isAsyncComplete)) {
    task.status = 'TIMED_OUT';
    task.reasonForIncompletion = `responseTimeout: ${def.responseTimeoutSeconds} exceeded for the taskId: ${task.taskId} with Task Definition: ${task.taskDefName}`;
  }
  return task.status !== before;
}

function checkTotalTimeout(def: TaskDef, task: TaskModel, now: number): void {
  if (def.totalTimeoutSeconds <= 0 || isTaskTerminal(task.status) || task.firstScheduledTime <= 0) return;
  const elapsed = Math.floor((now - task.firstScheduledTime) / 1000);
  if (elapsed < def.totalTimeoutSeconds) return;
  applyPolicy(
    `Task ${task.taskDefName}/${task.taskId} exceeded total timeout of ${def.totalTimeoutSeconds} seconds (elapsed ${elapsed} seconds across all attempts including retry delays). Timeout policy: ${def.timeoutPolicy}`,
    def,
    task,
  );
}

function checkTaskTimeout(def: TaskDef, task: TaskModel, now: number): void {
  if (isTaskTerminal(task.status) || def.timeoutSeconds <= 0 || task.startTime <= 0) return;
  const elapsed = now - (task.startTime + task.startDelayInSeconds * 1000);
  if (elapsed < def.timeoutSeconds * 1000) return;
  applyPolicy(
    `Task timed out after ${Math.floor(elapsed / 1000)} seconds. Timeout configured as ${def.timeoutSeconds} seconds. Timeout policy configured to ${def.timeoutPolicy}`,
    def,
    task,
  );
}

function checkPollTimeout(def: TaskDef, task: TaskModel, now: number): void {
  if (!def.pollTimeoutSeconds || def.pollTimeoutSeconds <= 0 || task.status !== 'SCHEDULED') return;
  const elapsed = now - (task.scheduledTime + task.startDelayInSeconds * 1000);
  if (elapsed < def.pollTimeoutSeconds * 1000 + task.callbackAfterSeconds * 1000) return;
  applyPolicy(
    `Task poll timed out after ${Math.floor(elapsed / 1000)} seconds. Poll timeout configured as ${def.pollTimeoutSeconds} seconds. Timeout policy configured to ${def.timeoutPolicy}`,
    def,
    task,
  );
}

function isResponseTimedOut(def: TaskDef, task: TaskModel, now: number, isAsyncComplete: boolean): boolean {
  if (isTaskTerminal(task.status) || isAsyncComplete) return false;
  if (task.status !== 'IN_PROGRESS' || def.responseTimeoutSeconds === 0) return false;
  return now - task.updateTime >= def.responseTimeoutSeconds * 1000 + task.callbackAfterSeconds * 1000;
}

/** The earliest time a timeout of this execution can fire; undefined when none can. */
export function computeNextCheckAt(execution: Execution): number | undefined {
  if (isWorkflowTerminal(execution.status)) return undefined;
  let next = workflowTimeoutAt(execution);
  for (const task of execution.tasks) {
    if (task.retried) continue;
    for (const at of [computeTaskCheckAt(task), isTaskTerminal(task.status) ? undefined : handlerFor(task.workflowTask.type).checkAt?.(task, execution)]) {
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
  }
  return next;
}

/** The earliest time a timeout of this (non-terminal) task can fire. */
export function computeTaskCheckAt(task: TaskModel): number | undefined {
  const def = task.taskDefinition ?? task.workflowTask.taskDefinition;
  if (isTaskTerminal(task.status) || !def) return undefined;
  const candidates: number[] = [];
  // ALERT_ONLY timeouts never change state: not a reason to come back (or the sweeper would
  // re-decide such an execution every second forever).
  if (def.timeoutPolicy !== 'ALERT_ONLY') {
    if (def.totalTimeoutSeconds > 0 && task.firstScheduledTime > 0) candidates.push(task.firstScheduledTime + def.totalTimeoutSeconds * 1000);
    if (def.timeoutSeconds > 0 && task.startTime > 0) candidates.push(task.startTime + (task.startDelayInSeconds + def.timeoutSeconds) * 1000);
    if (def.pollTimeoutSeconds && task.status === 'SCHEDULED') {
      candidates.push(task.scheduledTime + (task.startDelayInSeconds + def.pollTimeoutSeconds + task.callbackAfterSeconds) * 1000);
    }
  }
  if (task.status === 'IN_PROGRESS' && def.responseTimeoutSeconds > 0) {
    candidates.push(task.updateTime + (def.responseTimeoutSeconds + task.callbackAfterSeconds) * 1000);
  }
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}
