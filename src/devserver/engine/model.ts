/**
 * The execution model the engine works on: a workflow execution with its task records, in
 * Conductor's own field names (common/.../run/Workflow.java, metadata/tasks/Task.java), plus
 * the few internal fields the engine needs (marked "internal"; the API layer strips them).
 * Pure types and status predicates only: no I/O, no clock.
 */

export type JsonMap = Record<string, unknown>;

export type WorkflowStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'TIMED_OUT' | 'TERMINATED' | 'PAUSED';

export type TaskStatus =
  | 'SCHEDULED'
  | 'IN_PROGRESS'
  | 'COMPLETED'
  | 'COMPLETED_WITH_ERRORS'
  | 'FAILED'
  | 'FAILED_WITH_TERMINAL_ERROR'
  | 'TIMED_OUT'
  | 'CANCELED'
  | 'SKIPPED';

export type TaskTimeoutPolicy = 'RETRY' | 'TIME_OUT_WF' | 'ALERT_ONLY';
export type RetryLogic = 'FIXED' | 'EXPONENTIAL_BACKOFF' | 'LINEAR_BACKOFF';

/** A TaskDef with every default filled in (see task-defaults.ts). */
export interface TaskDef {
  name: string;
  retryCount: number;
  timeoutSeconds: number;
  totalTimeoutSeconds: number;
  timeoutPolicy: TaskTimeoutPolicy;
  retryLogic: RetryLogic;
  retryDelaySeconds: number;
  backoffScaleFactor: number;
  maxRetryDelaySeconds: number;
  backoffJitterMs: number;
  responseTimeoutSeconds: number;
  pollTimeoutSeconds?: number;
  concurrentExecLimit?: number;
  rateLimitPerFrequency: number;
  rateLimitFrequencyInSeconds: number;
  inputTemplate: JsonMap;
  [key: string]: unknown;
}

export interface WorkflowTask {
  name: string;
  taskReferenceName: string;
  type: string;
  inputParameters: JsonMap;
  optional: boolean;
  permissive: boolean;
  startDelay: number;
  asyncComplete: boolean;
  retryCount?: number;
  taskDefinition?: TaskDef;
  [key: string]: unknown;
}

export interface WorkflowDef {
  name: string;
  version: number;
  tasks: WorkflowTask[];
  outputParameters: JsonMap;
  inputTemplate: JsonMap;
  schemaVersion: number;
  restartable: boolean;
  timeoutPolicy: 'TIME_OUT_WF' | 'ALERT_ONLY';
  timeoutSeconds: number;
  variables: JsonMap;
  failureWorkflow?: string;
  failureWorkflowVersion?: number;
  [key: string]: unknown;
}

export interface TaskModel {
  taskId: string;
  taskType: string;
  taskDefName: string;
  referenceTaskName: string;
  status: TaskStatus;
  seq: number;
  inputData: JsonMap;
  outputData: JsonMap;
  retryCount: number;
  pollCount: number;
  retried: boolean;
  executed: boolean;
  callbackFromWorker: boolean;
  loopOverTask: boolean;
  scheduledTime: number;
  startTime: number;
  endTime: number;
  updateTime: number;
  startDelayInSeconds: number;
  callbackAfterSeconds: number;
  responseTimeoutSeconds: number;
  workflowInstanceId: string;
  workflowType: string;
  workflowPriority: number;
  correlationId?: string;
  workerId?: string;
  domain?: string;
  retriedTaskId?: string;
  reasonForIncompletion?: string;
  iteration: number;
  subWorkflowId?: string;
  subworkflowChanged: boolean;
  rateLimitPerFrequency: number;
  rateLimitFrequencyInSeconds: number;
  isolationGroupId?: string;
  executionNameSpace?: string;
  workflowTask: WorkflowTask;
  taskDefinition?: TaskDef;
  /** internal: when the task first entered the schedule (all attempts), for totalTimeoutSeconds. */
  firstScheduledTime: number;
  /** internal: epoch ms from which a queued (SCHEDULED worker) task may be polled. */
  visibleAt?: number;
}

export interface Execution {
  workflowId: string;
  workflowName: string;
  workflowVersion: number;
  status: WorkflowStatus;
  input: JsonMap;
  output: JsonMap;
  variables: JsonMap;
  correlationId?: string;
  priority: number;
  createTime: number;
  updateTime: number;
  endTime: number;
  lastRetriedTime: number;
  reasonForIncompletion?: string;
  failedReferenceTaskNames: string[];
  failedTaskNames: string[];
  parentWorkflowId?: string;
  parentWorkflowTaskId?: string;
  reRunFromWorkflowId?: string;
  taskToDomain: Record<string, string>;
  event?: string;
  idempotencyKey?: string;
  createdBy?: string;
  ownerApp: string;
  workflowDefinition: WorkflowDef;
  tasks: TaskModel[];
  /** internal: the task whose failure ended the execution (failure workflow input). */
  failedTaskId?: string;
}

export const TERMINAL_WORKFLOW: ReadonlySet<WorkflowStatus> = new Set(['COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED']);

export function isWorkflowTerminal(status: WorkflowStatus): boolean {
  return TERMINAL_WORKFLOW.has(status);
}

export function isTaskTerminal(status: TaskStatus): boolean {
  return status !== 'SCHEDULED' && status !== 'IN_PROGRESS';
}

/** TaskModel.Status#isSuccessful: the pending states count as successful. */
export function isTaskSuccessful(status: TaskStatus): boolean {
  return status !== 'FAILED' && status !== 'FAILED_WITH_TERMINAL_ERROR' && status !== 'TIMED_OUT' && status !== 'CANCELED';
}

/** TaskModel.Status#isRetriable. */
export function isTaskRetriable(status: TaskStatus): boolean {
  return status !== 'CANCELED' && status !== 'FAILED_WITH_TERMINAL_ERROR' && status !== 'SKIPPED';
}

/** The latest attempt (highest seq) of a reference, as WorkflowModel#getTaskByRefName. */
export function findTaskByRef(execution: Execution, ref: string): TaskModel | undefined {
  let found: TaskModel | undefined;
  for (const task of execution.tasks) {
    if (task.referenceTaskName === ref && (found === undefined || task.seq >= found.seq)) found = task;
  }
  return found;
}

export function isPlainObject(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
