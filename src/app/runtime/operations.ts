/**
 * Operator actions on one execution that have no bulk form: rerun, skip-task, jump,
 * delete-execution, update-state. Each 404 names the execution (or task) that is missing.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../core/model.js';
import { UsageError } from '../../errors.js';
import {
  deleteExecution as deleteExecutionCall,
  postJumpToTask,
  postRerunExecution,
  postUpdateState,
  putSkipTask,
  type RerunCall,
} from '../../conductor/workflow-api-ops.js';
import { orNotFound, type RuntimeClient } from './client.js';
import { notFound } from './executions.js';

export type RerunOptions = RerunCall;

/** Reruns from a task (or from the start); returns the execution id (the same one). */
export async function rerunExecution(client: RuntimeClient, workflowId: string, options: RerunOptions): Promise<string> {
  return orNotFound(postRerunExecution(client, workflowId, options), 'EXECUTION_NOT_FOUND', notFound(workflowId));
}

export interface SkipTaskOptions {
  taskInput?: JsonObject;
  taskOutput?: JsonObject;
}

/** Skips the task with that reference; its output (if given) is visible to later tasks. */
export async function skipTask(client: RuntimeClient, workflowId: string, taskReferenceName: string, options: SkipTaskOptions): Promise<void> {
  await orNotFound(putSkipTask(client, workflowId, taskReferenceName, options), 'EXECUTION_NOT_FOUND', `${notFound(workflowId)} (or it has no task ${taskReferenceName})`);
}

/** Moves a running execution to the task with that reference (Orkes and the dev server). */
export async function jumpToTask(client: RuntimeClient, workflowId: string, taskReferenceName: string, taskInput: JsonObject): Promise<void> {
  await orNotFound(
    postJumpToTask(client, workflowId, taskReferenceName, taskInput),
    'EXECUTION_NOT_FOUND',
    `${notFound(workflowId)}, or it has no task ${taskReferenceName}, or the server does not support jump (OSS Conductor does not)`,
  );
}

/** Removes the execution; `archive` keeps it in an archiving index (Elasticsearch) where one exists. */
export async function deleteExecution(client: RuntimeClient, workflowId: string, archive: boolean): Promise<void> {
  await orNotFound(deleteExecutionCall(client, workflowId, archive), 'EXECUTION_NOT_FOUND', notFound(workflowId));
}

export interface UpdateStateOptions {
  variables?: JsonObject;
  /** A TaskResult; `taskReferenceName` in it picks the task by reference. */
  taskUpdates?: JsonObject;
  waitUntilTaskRef?: string;
  waitForSeconds?: number;
  requestId?: string;
}

/** Updates variables and/or a task in one call and returns the WorkflowRun. */
export async function updateExecutionState(client: RuntimeClient, workflowId: string, options: UpdateStateOptions): Promise<JsonObject> {
  if (!options.variables && !options.taskUpdates) {
    throw new UsageError('nothing to update: pass --variables and/or --task-updates');
  }
  const ref = options.taskUpdates?.['taskReferenceName'];
  return orNotFound(
    postUpdateState(client, workflowId, {
      requestId: options.requestId ?? randomUUID(),
      ...(options.waitUntilTaskRef ? { waitUntilTaskRef: options.waitUntilTaskRef } : {}),
      ...(options.waitForSeconds !== undefined ? { waitForSeconds: options.waitForSeconds } : {}),
      ...(options.variables ? { variables: options.variables } : {}),
      ...(options.taskUpdates ? { taskResult: options.taskUpdates } : {}),
      ...(typeof ref === 'string' ? { taskReferenceName: ref } : {}),
    }),
    'EXECUTION_NOT_FOUND',
    notFound(workflowId),
  );
}
