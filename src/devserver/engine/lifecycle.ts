/**
 * Ending an execution: workflow output (DeciderService#updateWorkflowOutput, G1/G2),
 * completion (completeWorkflow), termination (terminateWorkflow + terminate: failed names,
 * canceled tasks, failure workflow G3) and canceling non-terminal tasks.
 */
import { touchWorkflow, type EngineContext, type TerminateWorkflow } from './context.js';
import { isTaskTerminal, isWorkflowTerminal, type Execution, type TaskModel } from './model.js';
import { buildParamDocument, resolveParams } from './params.js';

/** G1: outputParameters resolved, else the last task's output; a successful TERMINATE wins (G2). */
export function computeWorkflowOutput(execution: Execution, lastTask?: TaskModel): void {
  const tasks = execution.tasks;
  if (tasks.length === 0) return;
  const terminate = tasks.find((t) => t.taskType === 'TERMINATE' && t.status === 'COMPLETED');
  if (terminate) {
    if (Object.keys(terminate.outputData).length > 0) execution.output = terminate.outputData;
    else execution.output = {};
    return;
  }
  const last = lastTask ?? (tasks[tasks.length - 1] as TaskModel);
  const params = execution.workflowDefinition.outputParameters;
  execution.output = Object.keys(params).length > 0 ? resolveParams(params, buildParamDocument(execution)) : last.outputData;
}

function recordFailedNames(execution: Execution): void {
  for (const task of execution.tasks) {
    if (task.status !== 'FAILED' && task.status !== 'FAILED_WITH_TERMINAL_ERROR') continue;
    if (!execution.failedReferenceTaskNames.includes(task.referenceTaskName)) execution.failedReferenceTaskNames.push(task.referenceTaskName);
    if (!execution.failedTaskNames.includes(task.taskDefName)) execution.failedTaskNames.push(task.taskDefName);
  }
}

export function completeWorkflow(execution: Execution, ctx: EngineContext): void {
  if (execution.status === 'COMPLETED') return;
  computeWorkflowOutput(execution);
  execution.status = 'COMPLETED';
  execution.endTime = ctx.now;
  recordFailedNames(execution);
  touchWorkflow(execution, ctx);
}

/** Non-terminal tasks become CANCELED and leave their queues. */
export function cancelNonTerminalTasks(execution: Execution, ctx: EngineContext): void {
  for (const task of execution.tasks) {
    if (isTaskTerminal(task.status)) continue;
    task.status = 'CANCELED';
    task.endTime = ctx.now;
    delete task.visibleAt;
    ctx.changes.touchTask(task);
  }
}

export interface TerminateOptions {
  /** The failure workflow to start (engine-driven endings only; never the terminate API, D30). */
  failureWorkflow?: string;
  failureWorkflowVersion?: number;
}

/** WorkflowExecutorOps#terminateWorkflow(workflow, reason, failureWorkflow, version). */
export function terminateExecution(execution: Execution, reason: string, ctx: EngineContext, options: TerminateOptions = {}): void {
  if (!isWorkflowTerminal(execution.status)) execution.status = 'TERMINATED';
  computeWorkflowOutput(execution);
  recordFailedNames(execution);
  execution.reasonForIncompletion = reason;
  execution.endTime = ctx.now;
  cancelNonTerminalTasks(execution, ctx);
  touchWorkflow(execution, ctx);
  if (options.failureWorkflow) requestFailureWorkflow(execution, reason, options.failureWorkflow, options.failureWorkflowVersion, ctx);
}

function requestFailureWorkflow(execution: Execution, reason: string, name: string, version: number | undefined, ctx: EngineContext): void {
  const input = {
    ...execution.input,
    workflowId: execution.workflowId,
    reason,
    failureStatus: execution.status,
    ...(execution.failedTaskId ? { failureTaskId: execution.failedTaskId } : {}),
    failedWorkflow: structuredClone(execution),
  };
  ctx.changes.workflowsToStart.push({
    name,
    ...(version !== undefined ? { version } : {}),
    input,
    ...(execution.correlationId !== undefined ? { correlationId: execution.correlationId } : {}),
    taskToDomain: execution.taskToDomain,
    onResult: (result) => {
      execution.output = {
        ...execution.output,
        'conductor.failure_workflow': result.workflowId ?? `Error workflow ${name} failed to start.  reason: ${result.error ?? ''}`,
      };
    },
  });
}

/** WorkflowExecutorOps#terminate: an ending decided by the engine (task failure, timeout…). */
export function terminateFromDecider(execution: Execution, error: TerminateWorkflow, ctx: EngineContext): void {
  if (!isWorkflowTerminal(execution.status)) execution.status = error.status;
  if (error.task) {
    if (execution.failedTaskId === undefined) execution.failedTaskId = error.task.taskId;
    ctx.changes.touchTask(error.task);
  }
  const def = execution.workflowDefinition;
  let failureWorkflow = def.failureWorkflow;
  // `$workflow.input.key` (or `${workflow.input.key}`) names an input holding the workflow name (G5).
  if (failureWorkflow?.startsWith('$')) {
    const key = failureWorkflow.replace(/[${}]/g, '').split('.')[2] ?? '';
    const value = execution.input[key];
    failureWorkflow = typeof value === 'string' ? value : undefined;
  }
  terminateExecution(execution, error.reason, ctx, {
    ...(failureWorkflow ? { failureWorkflow } : {}),
    ...(def.failureWorkflowVersion !== undefined ? { failureWorkflowVersion: def.failureWorkflowVersion } : {}),
  });
}
