/**
 * Bringing an ended execution back (WorkflowExecutorOps#retry, #restart, #rerunWF; §6.2,
 * engine-behaviour D1-D24). All three keep the workflowId. Sub-workflow propagation
 * (updateAndPushParents, resumeSubworkflowTasks) belongs to the SUB_WORKFLOW issue: here the
 * flag is accepted and a plain retry is done.
 */
import { EngineRefusal, touchWorkflow, type EngineContext } from './context.js';
import { decide } from './decider.js';
import { isWorkflowTerminal, type Execution, type JsonMap, type TaskModel, type WorkflowDef } from './model.js';
import { computeTaskInput } from './params.js';
import { appendTasks } from './records.js';

const IN_PLACE_TYPES = new Set(['DO_WHILE', 'FORK_JOIN', 'JOIN', 'EXCLUSIVE_JOIN']);

function fullName(execution: Execution): string {
  return `${execution.workflowName}.${execution.workflowVersion}/${execution.workflowId}.${execution.status}`;
}

/** The latest unsuccessful attempt per reference that has no later successful attempt (D4). */
function retriableTasks(execution: Execution): TaskModel[] {
  const byRef = new Map<string, TaskModel>();
  for (const task of execution.tasks) {
    switch (task.status) {
      case 'FAILED':
      case 'FAILED_WITH_TERMINAL_ERROR':
      case 'TIMED_OUT':
      case 'CANCELED':
        byRef.set(task.referenceTaskName, task);
        break;
      default:
        byRef.delete(task.referenceTaskName);
    }
  }
  return [...byRef.values()].sort((a, b) => a.seq - b.seq);
}

function rescheduled(execution: Execution, task: TaskModel, ctx: EngineContext): TaskModel | undefined {
  if (IN_PLACE_TYPES.has(task.taskType)) {
    task.retried = false;
    task.retryCount += 1;
    task.status = 'IN_PROGRESS';
    ctx.changes.touchTask(task);
    return undefined;
  }
  const taskId = ctx.newId();
  const copy: TaskModel = {
    ...task,
    taskId,
    retriedTaskId: task.taskId,
    status: 'SCHEDULED',
    retryCount: task.retryCount + 1,
    retried: false,
    executed: false,
    pollCount: 0,
    callbackAfterSeconds: 0,
    startDelayInSeconds: 0,
    scheduledTime: 0,
    startTime: 0,
    endTime: 0,
    updateTime: 0,
    seq: 0,
    outputData: {},
    inputData: { ...task.inputData, ...computeTaskInput(task.workflowTask.inputParameters, execution, taskId, task.workflowTask.taskDefinition) },
  };
  delete copy.workerId;
  delete copy.reasonForIncompletion;
  delete copy.subWorkflowId;
  delete copy.visibleAt;
  task.retried = true;
  task.executed = true;
  ctx.changes.touchTask(task);
  return copy;
}

export function retryExecution(execution: Execution, ctx: EngineContext): void {
  if (!isWorkflowTerminal(execution.status)) throw new EngineRefusal(404, `Workflow is still running.  status=${execution.status}`);
  if (execution.tasks.length === 0) throw new EngineRefusal(409, 'Workflow has not started yet');
  const toRetry = retriableTasks(execution);
  if (toRetry.length === 0 && execution.status !== 'TIMED_OUT') {
    throw new EngineRefusal(409, 'There are no retryable tasks! Use restart if you want to attempt entire workflow execution again.');
  }
  execution.status = 'RUNNING';
  execution.lastRetriedTime = ctx.now;
  execution.endTime = 0;
  delete execution.reasonForIncompletion;
  delete execution.failedTaskId;
  touchWorkflow(execution, ctx);
  const copies = toRetry.map((t) => rescheduled(execution, t, ctx)).filter((t): t is TaskModel => t !== undefined);
  appendTasks(execution, copies, ctx);
  decide(execution, ctx);
}

/** Back to RUNNING with the failure bookkeeping of the ended run cleared. */
function reopen(execution: Execution): void {
  execution.status = 'RUNNING';
  delete execution.reasonForIncompletion;
  delete execution.failedTaskId;
  execution.failedReferenceTaskNames = [];
  execution.failedTaskNames = [];
  execution.endTime = 0;
}

function resetForRun(execution: Execution, ctx: EngineContext): void {
  for (const task of execution.tasks) ctx.changes.removeTask(task);
  execution.tasks = [];
  reopen(execution);
  execution.output = {};
  touchWorkflow(execution, ctx);
}

/** Restart from the first task (D13-D16); `latest` is the latest def snapshot when asked for. */
export function restartExecution(execution: Execution, latest: WorkflowDef | undefined, ctx: EngineContext): void {
  if (!isWorkflowTerminal(execution.status)) throw new EngineRefusal(409, `Workflow: ${fullName(execution)} is not in terminal state, unable to restart.`);
  const def = latest ?? execution.workflowDefinition;
  if (!def.restartable && execution.status === 'COMPLETED') throw new EngineRefusal(404, `Workflow: ${fullName(execution)} is non-restartable`);
  if (latest) {
    execution.workflowDefinition = latest;
    execution.workflowVersion = latest.version;
    ctx.changes.definitionChanged = true;
  }
  resetForRun(execution, ctx);
  execution.createTime = ctx.now;
  execution.lastRetriedTime = 0;
  decide(execution, ctx);
}

export interface RerunRequest {
  reRunFromTaskId?: string;
  taskInput?: JsonMap;
  workflowInput?: JsonMap;
  correlationId?: string;
}

/** Rerun, whole or from a task (D18-D22). */
export function rerunExecution(execution: Execution, request: RerunRequest, ctx: EngineContext): void {
  if (!isWorkflowTerminal(execution.status)) throw new EngineRefusal(409, `Workflow: ${fullName(execution)} is not in terminal state, unable to rerun.`);
  const from = request.reRunFromTaskId ? execution.tasks.find((t) => t.taskId === request.reRunFromTaskId) : undefined;
  if (request.reRunFromTaskId && !from) throw new EngineRefusal(400, `Task ${request.reRunFromTaskId} not found`);
  if (request.correlationId) execution.correlationId = request.correlationId;
  if (request.workflowInput) execution.input = request.workflowInput;
  if (!from) {
    resetForRun(execution, ctx);
    decide(execution, ctx);
    return;
  }
  for (const task of execution.tasks.filter((t) => t.seq > from.seq)) ctx.changes.removeTask(task);
  execution.tasks = execution.tasks.filter((t) => t.seq <= from.seq);
  reopen(execution);
  resetTaskForRerun(from, request.taskInput, ctx);
  touchWorkflow(execution, ctx);
  decide(execution, ctx);
}

function resetTaskForRerun(task: TaskModel, taskInput: JsonMap | undefined, ctx: EngineContext): void {
  task.status = 'SCHEDULED';
  task.outputData = {};
  task.pollCount = 0;
  task.scheduledTime = ctx.now;
  task.startTime = 0;
  task.endTime = 0;
  task.updateTime = 0;
  task.retried = false;
  task.executed = false;
  task.callbackAfterSeconds = task.startDelayInSeconds;
  task.visibleAt = ctx.now + task.startDelayInSeconds * 1000;
  delete task.workerId;
  delete task.reasonForIncompletion;
  if (taskInput) task.inputData = taskInput;
  ctx.changes.touchTask(task);
}
