/**
 * The API shapes of executions (conductor-api.md §4.5-4.8): Workflow, Task, WorkflowSummary,
 * TaskSummary. Internal engine fields are left out; summary times are ISO strings and
 * input/output are Java `Map.toString()` text, as the real server's default.
 */
import type { Execution, JsonMap, TaskModel } from '../engine/model.js';
import { toJavaString } from '../engine/params.js';

export function toTaskJson(task: TaskModel): JsonMap {
  const { visibleAt, firstScheduledTime, ...rest } = task;
  void visibleAt;
  void firstScheduledTime;
  return { ...rest, taskDefName: task.taskDefName || task.taskType, queueWaitTime: queueWaitTime(task) };
}

function queueWaitTime(task: TaskModel): number {
  if (task.startTime <= 0 || task.scheduledTime <= 0) return 0;
  if (task.updateTime > 0 && task.callbackAfterSeconds > 0) return task.startTime - (task.updateTime + task.callbackAfterSeconds * 1000);
  return task.startTime - task.scheduledTime;
}

export function toWorkflowJson(execution: Execution, includeTasks = true): JsonMap {
  const { failedTaskId, tasks, ...rest } = execution;
  void failedTaskId;
  return {
    ...rest,
    startTime: execution.createTime,
    tasks: includeTasks ? [...tasks].sort((a, b) => a.seq - b.seq).map(toTaskJson) : [],
    history: [],
    rateLimited: false,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toWorkflowSummary(execution: Execution): JsonMap {
  const summary: JsonMap = {
    workflowType: execution.workflowName,
    version: execution.workflowVersion,
    workflowId: execution.workflowId,
    correlationId: execution.correlationId,
    startTime: iso(execution.createTime),
    updateTime: iso(execution.updateTime),
    status: execution.status,
    input: toJavaString(execution.input),
    output: toJavaString(execution.output),
    reasonForIncompletion: execution.reasonForIncompletion,
    executionTime: execution.endTime > 0 ? execution.endTime - execution.createTime : 0,
    event: execution.event,
    failedReferenceTaskNames: execution.failedReferenceTaskNames.join(','),
    failedTaskNames: execution.failedTaskNames,
    priority: execution.priority,
    createdBy: execution.createdBy,
    taskToDomain: execution.taskToDomain,
    idempotencyKey: execution.idempotencyKey,
    parentWorkflowId: execution.parentWorkflowId ?? '',
  };
  if (execution.endTime > 0) summary['endTime'] = iso(execution.endTime);
  summary['inputSize'] = JSON.stringify(execution.input).length;
  summary['outputSize'] = JSON.stringify(execution.output).length;
  return summary;
}

/** TaskSummary from a stored task record (the task JSON without its definition). */
export function toTaskSummary(task: Omit<TaskModel, 'workflowTask'>): JsonMap {
  return {
    workflowId: task.workflowInstanceId,
    workflowType: task.workflowType,
    correlationId: task.correlationId,
    scheduledTime: iso(task.scheduledTime),
    startTime: iso(task.startTime),
    updateTime: iso(task.updateTime),
    endTime: iso(task.endTime),
    status: task.status,
    reasonForIncompletion: task.reasonForIncompletion,
    executionTime: task.endTime > 0 && task.startTime > 0 ? task.endTime - task.startTime : 0,
    queueWaitTime: task.startTime > 0 && task.scheduledTime > 0 ? task.startTime - task.scheduledTime : 0,
    taskDefName: task.taskDefName,
    taskType: task.taskType,
    input: toJavaString(task.inputData),
    output: toJavaString(task.outputData),
    taskId: task.taskId,
    workflowPriority: task.workflowPriority,
    domain: task.domain,
  };
}
