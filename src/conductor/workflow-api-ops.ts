/**
 * Operator actions on one execution (conductor-api.md §3.2, §6.2). Each returns when the
 * server has accepted the action. None is retried automatically except the ones HTTP
 * calls idempotent (PUT/DELETE): pause, resume, skip, terminate and remove converge.
 */
import type { JsonObject } from '../core/model.js';
import type { HttpClient } from './http.js';
import { readTextAnswer } from './response-body.js';
import { segment } from './url.js';
import { expectObject, waitTimeout } from './workflow-api.js';

const wf = (id: string) => `/workflow/${segment(id)}`;

/** DELETE /workflow/{id}?reason=: terminate. */
export async function deleteRunningExecution(http: HttpClient, workflowId: string, reason?: string): Promise<void> {
  await http.request('DELETE', wf(workflowId), { query: { reason } });
}

export async function putPauseExecution(http: HttpClient, workflowId: string): Promise<void> {
  await http.request('PUT', `${wf(workflowId)}/pause`);
}

export async function putResumeExecution(http: HttpClient, workflowId: string): Promise<void> {
  await http.request('PUT', `${wf(workflowId)}/resume`);
}

/** POST /workflow/{id}/restart?useLatestDefinitions= (204). */
export async function postRestartExecution(http: HttpClient, workflowId: string, useLatestDefinitions: boolean): Promise<void> {
  await http.request('POST', `${wf(workflowId)}/restart`, { query: { useLatestDefinitions } });
}

/** POST /workflow/{id}/retry?resumeSubworkflowTasks= (204). */
export async function postRetryExecution(http: HttpClient, workflowId: string, resumeSubworkflowTasks: boolean): Promise<void> {
  await http.request('POST', `${wf(workflowId)}/retry`, { query: { resumeSubworkflowTasks } });
}

export interface RerunCall {
  reRunFromTaskId?: string;
  taskInput?: JsonObject;
  workflowInput?: JsonObject;
  correlationId?: string;
}

/** POST /workflow/{id}/rerun with a RerunWorkflowRequest; returns the (same) id. */
export async function postRerunExecution(http: HttpClient, workflowId: string, call: RerunCall): Promise<string> {
  const { body } = await http.request('POST', `${wf(workflowId)}/rerun`, { body: { reRunFromWorkflowId: workflowId, ...call } });
  return readTextAnswer(body) || workflowId;
}

/**
 * PUT /workflow/{id}/skiptask/{ref}. The server binds SkipTaskRequest from the query string
 * only (no @RequestBody, §3.2), so taskInput/taskOutput go there as JSON text. The official
 * CLI sends a Go `%v` dump instead, which never reaches the task (issue 6).
 */
export async function putSkipTask(
  http: HttpClient,
  workflowId: string,
  taskReferenceName: string,
  call: { taskInput?: JsonObject; taskOutput?: JsonObject },
): Promise<void> {
  await http.request('PUT', `${wf(workflowId)}/skiptask/${segment(taskReferenceName)}`, {
    query: {
      taskInput: call.taskInput ? JSON.stringify(call.taskInput) : undefined,
      taskOutput: call.taskOutput ? JSON.stringify(call.taskOutput) : undefined,
    },
  });
}

/**
 * POST /workflow/{id}/jump/{ref}?taskReferenceName={ref} (Orkes; the dev server too). The
 * ref goes in both places: servers read the query first and the path second (§9).
 */
export async function postJumpToTask(http: HttpClient, workflowId: string, taskReferenceName: string, taskInput: JsonObject): Promise<void> {
  await http.request('POST', `${wf(workflowId)}/jump/${segment(taskReferenceName)}`, {
    query: { taskReferenceName },
    body: taskInput,
  });
}

/** DELETE /workflow/{id}/remove?archiveWorkflow=. */
export async function deleteExecution(http: HttpClient, workflowId: string, archiveWorkflow: boolean): Promise<void> {
  await http.request('DELETE', `${wf(workflowId)}/remove`, { query: { archiveWorkflow } });
}

export interface UpdateStateCall {
  requestId: string;
  waitUntilTaskRef?: string;
  waitForSeconds?: number;
  variables?: JsonObject;
  taskReferenceName?: string;
  taskResult?: JsonObject;
}

/** POST /workflow/{id}/state (Orkes; the dev server too): variables and/or a task result; returns a WorkflowRun. */
export async function postUpdateState(http: HttpClient, workflowId: string, call: UpdateStateCall): Promise<JsonObject> {
  const path = `${wf(workflowId)}/state`;
  const { body } = await http.request('POST', path, {
    query: { requestId: call.requestId, waitUntilTaskRef: call.waitUntilTaskRef, waitForSeconds: call.waitForSeconds },
    ...waitTimeout(call.waitForSeconds),
    body: {
      ...(call.variables ? { variables: call.variables } : {}),
      ...(call.taskReferenceName ? { taskReferenceName: call.taskReferenceName } : {}),
      ...(call.taskResult ? { taskResult: call.taskResult } : {}),
    },
  });
  return expectObject(http, 'POST', path, body);
}
