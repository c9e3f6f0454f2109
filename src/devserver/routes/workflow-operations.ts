/**
 * `/api/workflow/{id}/…` operations (R/WorkflowResource.java; conductor-api.md §3.2, §2.3,
 * §7 for Orkes' jump and variables). Each is one engine call in one transaction; refusals
 * carry the real server's status codes. Also used by the bulk routes.
 */
import { ApiError } from '../http/api-error.js';
import { empty, json, text } from '../http/responses.js';
import type { ApiRequest, Route } from '../http/types.js';
import { decide } from '../engine/decider.js';
import { isPlainObject, type JsonMap } from '../engine/model.js';
import { jumpToTask, pauseExecution, resetCallbacks, resumeExecution, skipTask, terminateByApi, updateVariables } from '../engine/operations.js';
import { rerunExecution, restartExecution, retryExecution, type RerunRequest } from '../engine/recovery.js';
import { toWorkflowJson } from './executions-json.js';
import { bodyObject, optionalBodyObject, queryBool, queryString } from './executions-params.js';
import type { ExecutionService } from './executions-service.js';

export function pause(svc: ExecutionService, id: string): Promise<void> {
  return svc.mutate(id, (e, ctx) => pauseExecution(e, ctx));
}
export function resume(svc: ExecutionService, id: string): Promise<void> {
  return svc.mutate(id, (e, ctx) => resumeExecution(e, ctx));
}
export function terminate(svc: ExecutionService, id: string, reason: string | undefined): Promise<void> {
  return svc.mutate(id, (e, ctx) => terminateByApi(e, reason, ctx));
}
export function retry(svc: ExecutionService, id: string): Promise<void> {
  return svc.mutate(id, (e, ctx) => retryExecution(e, ctx));
}

/** Restart; `useLatestDefinitions` re-snapshots the latest registered version (D15). */
export function restart(svc: ExecutionService, id: string, useLatest: boolean): Promise<void> {
  const latest = useLatest ? latestDefinition(svc, id) : undefined;
  return svc.mutate(id, (e, ctx) => restartExecution(e, latest, ctx));
}

function latestDefinition(svc: ExecutionService, id: string) {
  const execution = svc.getOrThrow(id, false);
  const raw = svc.deps.metadata.getWorkflowDef(execution.workflowName);
  if (!raw) throw new ApiError(404, `Unable to find latest definition for ${id}`);
  return svc.snapshot(raw);
}

function rerunRequest(body: JsonMap): RerunRequest {
  return {
    ...(typeof body['reRunFromTaskId'] === 'string' && body['reRunFromTaskId'] !== '' ? { reRunFromTaskId: body['reRunFromTaskId'] } : {}),
    ...(isPlainObject(body['taskInput']) ? { taskInput: body['taskInput'] } : {}),
    ...(isPlainObject(body['workflowInput']) ? { workflowInput: body['workflowInput'] } : {}),
    ...(typeof body['correlationId'] === 'string' ? { correlationId: body['correlationId'] } : {}),
  };
}

/** Skip-task input/output come from query-string binding only (`taskInput`, `taskOutput` as JSON). */
function skipRequest(req: ApiRequest): { taskInput?: JsonMap; taskOutput?: JsonMap } {
  const parse = (name: string): JsonMap | undefined => {
    const raw = queryString(req, name);
    if (raw === undefined) return undefined;
    try {
      const value: unknown = JSON.parse(raw);
      return isPlainObject(value) ? value : undefined;
    } catch {
      return undefined;
    }
  };
  const taskInput = parse('taskInput');
  const taskOutput = parse('taskOutput');
  return { ...(taskInput ? { taskInput } : {}), ...(taskOutput ? { taskOutput } : {}) };
}

/** Jump target: `?taskReferenceName` first, the path segment second (Go SDK quirk, §9). */
function jumpTarget(req: ApiRequest): string {
  return queryString(req, 'taskReferenceName') ?? (req.params['taskReferenceName'] as string);
}

const id = (req: ApiRequest): string => req.params['workflowId'] as string;

export function workflowOperationRoutes(svc: ExecutionService): Route[] {
  return [...lifecycleRoutes(svc), ...editRoutes(svc)];
}

/** Pause, resume, terminate, retry, restart, rerun, resetcallbacks, decide. */
function lifecycleRoutes(svc: ExecutionService): Route[] {
  return [
    { method: 'PUT', path: '/api/workflow/{workflowId}/pause', handler: async (req) => (await pause(svc, id(req)), empty()) },
    { method: 'PUT', path: '/api/workflow/{workflowId}/resume', handler: async (req) => (await resume(svc, id(req)), empty()) },
    { method: 'DELETE', path: '/api/workflow/{workflowId}', handler: async (req) => (await terminate(svc, id(req), queryString(req, 'reason')), empty()) },
    { method: 'POST', path: '/api/workflow/{workflowId}/retry', handler: async (req) => (await retry(svc, id(req)), empty(204)) },
    { method: 'POST', path: '/api/workflow/{workflowId}/restart', handler: async (req) => (await restart(svc, id(req), queryBool(req, 'useLatestDefinitions', false)), empty(204)) },
    {
      method: 'POST',
      path: '/api/workflow/{workflowId}/resetcallbacks',
      handler: async (req) => (await svc.mutate(id(req), (e, ctx) => resetCallbacks(e, ctx)), empty(204)),
    },
    { method: 'PUT', path: '/api/workflow/decide/{workflowId}', handler: async (req) => (await svc.mutate(id(req), (e, ctx) => decide(e, ctx)), empty()) },
    {
      method: 'POST',
      path: '/api/workflow/{workflowId}/rerun',
      handler: async (req) => {
        const request = rerunRequest(bodyObject(req));
        await svc.mutate(id(req), (e, ctx) => rerunExecution(e, request, ctx));
        return text(id(req));
      },
    },
  ];
}

/** Skip, remove, variables and jump. */
function editRoutes(svc: ExecutionService): Route[] {
  return [
    {
      method: 'PUT',
      path: '/api/workflow/{workflowId}/skiptask/{taskReferenceName}',
      handler: async (req) => (await svc.mutate(id(req), (e, ctx) => skipTask(e, req.params['taskReferenceName'] as string, skipRequest(req), ctx)), empty()),
    },
    { method: 'DELETE', path: '/api/workflow/{workflowId}/remove', handler: async (req) => (await svc.remove(id(req), queryBool(req, 'archiveWorkflow', true)), empty()) },
    {
      method: 'DELETE',
      path: '/api/workflow/{workflowId}/terminate-remove',
      handler: async (req) => {
        await terminate(svc, id(req), queryString(req, 'reason'));
        await svc.remove(id(req), false);
        return empty();
      },
    },
    {
      method: 'POST',
      path: '/api/workflow/{workflowId}/variables',
      handler: async (req) => {
        const variables = bodyObject(req);
        const execution = await svc.mutate(id(req), (e, ctx) => (updateVariables(e, variables, ctx), e));
        return json(toWorkflowJson(execution));
      },
    },
    {
      method: 'POST',
      path: '/api/workflow/{workflowId}/jump/{taskReferenceName}',
      handler: async (req) => {
        const input = optionalBodyObject(req);
        await svc.mutate(id(req), (e, ctx) => jumpToTask(e, jumpTarget(req), input, ctx));
        return empty();
      },
    },
  ];
}
