/**
 * Task types: how a WorkflowTask becomes task records (Conductor's TaskMapper) and, for
 * synchronous system tasks, how it runs inside the decide loop (WorkflowSystemTask#execute).
 *
 * Extension point for system tasks (a later issue): register a `TaskTypeHandler` under the
 * type name with `registerTaskType`. `map` creates the records (SWITCH/FORK create several);
 * `execute` runs a sync system task and returns true when it changed the task's state;
 * `nextAfter` lets a container type (SWITCH, FORK, DO_WHILE) say what follows one of its
 * children. Types with no handler are worker tasks (SIMPLE): queued and polled by name.
 */
import { TerminateWorkflow, type EngineContext } from './context.js';
import { isWorkerTaskType } from './definitions.js';
import { isPlainObject, type Execution, type JsonMap, type TaskModel, type WorkflowTask } from './model.js';
import { computeTaskInput } from './params.js';

export interface MapContext {
  execution: Execution;
  workflowTask: WorkflowTask;
  retryCount: number;
  retriedTaskId?: string;
  ctx: EngineContext;
}

export interface TaskTypeHandler {
  map(mc: MapContext): TaskModel[];
  /** Sync system tasks only: run now; true when the task's state changed. */
  execute?(task: TaskModel, execution: Execution, ctx: EngineContext): boolean;
  /** True for system tasks that a worker never polls (everything registered here). */
  readonly isSystem: boolean;
  /**
   * For system tasks that wait on time or on something else (WAIT, JOIN, SUB_WORKFLOW…):
   * when the sweeper should decide the execution again (epoch ms), so `execute` runs then.
   */
  checkAt?(task: TaskModel, execution: Execution): number | undefined;
}

const handlers = new Map<string, TaskTypeHandler>();

export function registerTaskType(type: string, handler: TaskTypeHandler): void {
  handlers.set(type, handler);
}

/** The handler of a WorkflowTask type; system types not implemented yet fail the workflow. */
export function handlerFor(type: string): TaskTypeHandler {
  return handlers.get(type) ?? (isWorkerTaskType(type) ? workerTaskHandler : unsupportedHandler(type));
}

/** A task a worker polls for (SIMPLE, or any type the server does not run itself). */
export function isQueuedTask(task: TaskModel): boolean {
  const type = task.workflowTask.type;
  return isWorkerTaskType(type) && !handlers.has(type);
}

function unsupportedHandler(type: string): TaskTypeHandler {
  return {
    isSystem: true,
    map() {
      throw new TerminateWorkflow(`Task type ${type} is not supported by this dev server yet`);
    },
  };
}

/** TaskMapperContext#createTaskModel: the fields every task record starts with. */
export function createTaskModel(mc: MapContext, taskId: string, taskType: string, inputData: JsonMap): TaskModel {
  const { execution, workflowTask, ctx } = mc;
  const def = workflowTask.taskDefinition;
  return {
    taskId,
    taskType,
    taskDefName: workflowTask.name || taskType,
    referenceTaskName: workflowTask.taskReferenceName,
    status: 'SCHEDULED',
    seq: 0,
    inputData,
    outputData: {},
    retryCount: mc.retryCount,
    pollCount: 0,
    retried: false,
    executed: false,
    callbackFromWorker: true,
    loopOverTask: false,
    scheduledTime: ctx.now,
    startTime: 0,
    endTime: 0,
    updateTime: 0,
    startDelayInSeconds: 0,
    callbackAfterSeconds: 0,
    responseTimeoutSeconds: def?.responseTimeoutSeconds ?? 0,
    workflowInstanceId: execution.workflowId,
    workflowType: execution.workflowName,
    workflowPriority: execution.priority,
    ...(execution.correlationId !== undefined ? { correlationId: execution.correlationId } : {}),
    ...(mc.retriedTaskId !== undefined ? { retriedTaskId: mc.retriedTaskId } : {}),
    iteration: 0,
    subworkflowChanged: false,
    rateLimitPerFrequency: def?.rateLimitPerFrequency ?? 0,
    rateLimitFrequencyInSeconds: def?.rateLimitFrequencyInSeconds ?? 1,
    workflowTask,
    ...(def ? { taskDefinition: def } : {}),
    firstScheduledTime: ctx.now,
  };
}

/** SimpleTaskMapper: one SCHEDULED task whose taskType is the task *name* (A1). */
const workerTaskHandler: TaskTypeHandler = {
  isSystem: false,
  map(mc) {
    const taskId = mc.ctx.newId();
    const wt = mc.workflowTask;
    const input = computeTaskInput(wt.inputParameters, mc.execution, taskId, wt.taskDefinition);
    const task = createTaskModel(mc, taskId, wt.name, input);
    task.startDelayInSeconds = wt.startDelay;
    task.callbackAfterSeconds = wt.startDelay;
    return [task];
  },
};

/** TERMINATE (Terminate.java): a sync system task whose success ends the workflow. */
registerTaskType('TERMINATE', {
  isSystem: true,
  map(mc) {
    const taskId = mc.ctx.newId();
    const input = computeTaskInput(mc.workflowTask.inputParameters, mc.execution, taskId, undefined);
    return [createTaskModel(mc, taskId, 'TERMINATE', input)];
  },
  execute(task, _execution, ctx) {
    const status = task.inputData['terminationStatus'];
    if (status === 'COMPLETED' || status === 'FAILED' || status === 'TERMINATED') {
      const output = task.inputData['workflowOutput'];
      task.outputData = isPlainObject(output) ? output : output === undefined || output === null ? {} : { output };
      task.status = 'COMPLETED';
    } else {
      task.reasonForIncompletion = 'given termination status is not valid';
      task.status = 'FAILED';
    }
    task.endTime = ctx.now;
    return true;
  },
});
