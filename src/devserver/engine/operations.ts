/**
 * Operator actions on a live execution (WorkflowExecutorOps: pauseWorkflow, resumeWorkflow,
 * terminateWorkflow, skipTaskFromWorkflow, resetCallbacksForWorkflow; Orkes' jump and
 * variables), with the real server's refusals (conductor-api.md §2.3, engine-behaviour D25-D32).
 * Refusals are EngineRefusal with the status the real server answers.
 */
import { EngineRefusal, touchWorkflow, type EngineContext } from './context.js';
import { decide, mapTasks } from './decider.js';
import { findWorkflowTask } from './definitions.js';
import { terminateExecution } from './lifecycle.js';
import { isTaskTerminal, isWorkflowTerminal, type Execution, type JsonMap, type TaskModel, type WorkflowTask } from './model.js';
import { appendTasks } from './records.js';
import { createTaskModel, isQueuedTask } from './task-types.js';

export function shortName(execution: Execution): string {
  return `${execution.workflowName}.${execution.workflowVersion}/${execution.workflowId}`;
}

export function pauseExecution(execution: Execution, ctx: EngineContext): void {
  if (isWorkflowTerminal(execution.status)) throw new EngineRefusal(409, `Workflow ${shortName(execution)} has ended, status cannot be updated.`);
  if (execution.status === 'PAUSED') return;
  execution.status = 'PAUSED';
  touchWorkflow(execution, ctx);
}

export function resumeExecution(execution: Execution, ctx: EngineContext): void {
  if (execution.status !== 'PAUSED') {
    throw new EngineRefusal(500, `The workflow ${execution.workflowId} is not PAUSED so cannot resume. Current status is ${execution.status}`);
  }
  execution.status = 'RUNNING';
  execution.lastRetriedTime = ctx.now;
  touchWorkflow(execution, ctx);
  decide(execution, ctx);
}

/** The terminate API: never starts the failure workflow (D30); TERMINATED twice is a no-op. */
export function terminateByApi(execution: Execution, reason: string | undefined, ctx: EngineContext): void {
  if (execution.status === 'COMPLETED') throw new EngineRefusal(409, 'Cannot terminate a COMPLETED workflow.');
  if (execution.status === 'TERMINATED') return;
  execution.status = 'TERMINATED';
  terminateExecution(execution, reason ?? '', ctx);
  if (reason === undefined) delete execution.reasonForIncompletion;
}

export interface SkipTaskRequest {
  taskInput?: JsonMap;
  taskOutput?: JsonMap;
}

export function skipTask(execution: Execution, ref: string, request: SkipTaskRequest, ctx: EngineContext): void {
  if (execution.status !== 'RUNNING') {
    throw new EngineRefusal(500, `The workflow ${execution.workflowId} is not running so the task referenced by ${ref} cannot be skipped`);
  }
  const workflowTask = findWorkflowTask(execution.workflowDefinition.tasks, ref);
  if (!workflowTask) throw new EngineRefusal(500, `The task referenced by ${ref} does not exist in the WorkflowDefinition ${execution.workflowName}`);
  if (execution.tasks.some((t) => t.referenceTaskName === ref)) {
    throw new EngineRefusal(500, `The task referenced ${ref} has already been processed, cannot be skipped`);
  }
  execution.tasks.unshift(buildSkippedTask(execution, workflowTask, request, ctx));
  touchWorkflow(execution, ctx);
  decide(execution, ctx);
}

function buildSkippedTask(execution: Execution, workflowTask: WorkflowTask, request: SkipTaskRequest, ctx: EngineContext): TaskModel {
  const task = createTaskModel({ execution, workflowTask, retryCount: 0, ctx }, ctx.newId(), workflowTask.name, request.taskInput ?? {});
  task.status = 'SKIPPED';
  task.seq = 0; // as the real server: the placeholder lists before the scheduled tasks (D31)
  task.outputData = request.taskOutput ?? {};
  task.endTime = ctx.now;
  ctx.changes.touchTask(task);
  return task;
}

/** SCHEDULED worker tasks waiting on callbackAfterSeconds become pollable now (A9). */
export function resetCallbacks(execution: Execution, ctx: EngineContext): void {
  if (isWorkflowTerminal(execution.status)) throw new EngineRefusal(409, `Workflow is in terminal state. Status = ${execution.status}`);
  for (const task of execution.tasks) {
    if (task.status !== 'SCHEDULED' || task.callbackAfterSeconds <= 0 || !isQueuedTask(task)) continue;
    task.callbackAfterSeconds = 0;
    task.visibleAt = ctx.now;
    task.updateTime = ctx.now;
    ctx.changes.touchTask(task);
  }
}

/** Orkes' POST /workflow/{id}/variables: merge into the variables, then decide. */
export function updateVariables(execution: Execution, variables: JsonMap, ctx: EngineContext): void {
  execution.variables = { ...execution.variables, ...variables };
  touchWorkflow(execution, ctx);
  if (!isWorkflowTerminal(execution.status)) decide(execution, ctx);
}

/**
 * Orkes' jump: pending tasks are canceled, every earlier top-level task that never ran gets a
 * SKIPPED record, earlier attempts of the target and later references are superseded, and the
 * target is scheduled with `taskInput` merged into its input. Refused on a terminal execution.
 */
export function jumpToTask(execution: Execution, ref: string, taskInput: JsonMap, ctx: EngineContext): void {
  if (isWorkflowTerminal(execution.status)) throw new EngineRefusal(409, `Workflow ${shortName(execution)} has ended, cannot jump to ${ref}.`);
  const defTasks = execution.workflowDefinition.tasks;
  const targetIndex = defTasks.findIndex((t) => t.taskReferenceName === ref);
  const target = defTasks[targetIndex];
  if (!target) throw new EngineRefusal(400, `The task referenced by ${ref} does not exist in the WorkflowDefinition ${execution.workflowName}`);
  const laterRefs = new Set(defTasks.slice(targetIndex).map((t) => t.taskReferenceName));
  for (const task of execution.tasks) {
    if (!isTaskTerminal(task.status)) {
      task.status = 'CANCELED';
      task.endTime = ctx.now;
      delete task.visibleAt;
    }
    if (laterRefs.has(task.referenceTaskName) || task.status === 'CANCELED') {
      task.retried = true;
      task.executed = false;
    }
    ctx.changes.touchTask(task);
  }
  for (const wt of defTasks.slice(0, targetIndex)) {
    const seen = execution.tasks.some((t) => t.referenceTaskName === wt.taskReferenceName);
    if (!seen) execution.tasks.unshift({ ...buildSkippedTask(execution, wt, {}, ctx), executed: true });
  }
  const attempts = execution.tasks.filter((t) => t.referenceTaskName === ref).map((t) => t.retryCount + 1);
  const scheduled = mapTasks(execution, target, ctx, Math.max(0, ...attempts));
  for (const task of scheduled) task.inputData = { ...task.inputData, ...taskInput };
  execution.status = 'RUNNING';
  appendTasks(execution, scheduled, ctx);
  decide(execution, ctx);
}
