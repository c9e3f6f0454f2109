/**
 * `/api/workflow` starts and reads (R/WorkflowResource.java; conductor-api.md §3.2): start by
 * name or with a StartWorkflowRequest (id as text/plain), get, status, paged tasks,
 * correlated executions and running ids.
 */
import { ApiError, validationFailed } from '../http/api-error.js';
import { json, text } from '../http/responses.js';
import type { ApiRequest, Route } from '../http/types.js';
import { isPlainObject, isTaskTerminal, type JsonMap } from '../engine/model.js';
import { toTaskJson, toWorkflowJson } from './executions-json.js';
import { bodyObject, queryBool, queryInt, queryString, stringMap } from './executions-params.js';
import type { ExecutionService, StartOptions } from './executions-service.js';

function checkPriority(priority: number | undefined): void {
  if (priority !== undefined && (priority < 0 || priority > 99)) {
    throw validationFailed([{ path: 'priority', message: 'priority: should be minimum 0 and maximum 99', invalidValue: String(priority) }]);
  }
}

/** StartWorkflowRequest → start options (400 for a missing name or an explicit null input). */
export function parseStartRequest(body: JsonMap): StartOptions {
  const name = body['name'];
  if (typeof name !== 'string' || name === '') throw validationFailed([{ path: 'name', message: 'Workflow name cannot be null or empty' }]);
  if ('input' in body && body['input'] === null) throw new ApiError(400, 'NULL input passed when starting workflow');
  const priority = typeof body['priority'] === 'number' ? body['priority'] : undefined;
  checkPriority(priority);
  const taskToDomain = stringMap(body['taskToDomain']);
  return {
    name,
    ...(typeof body['version'] === 'number' && body['version'] > 0 ? { version: body['version'] } : {}),
    input: isPlainObject(body['input']) ? body['input'] : {},
    ...(typeof body['correlationId'] === 'string' ? { correlationId: body['correlationId'] } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(taskToDomain ? { taskToDomain } : {}),
    ...(isPlainObject(body['workflowDef']) ? { workflowDef: body['workflowDef'] } : {}),
    ...(typeof body['createdBy'] === 'string' ? { createdBy: body['createdBy'] } : {}),
    ...(typeof body['idempotencyKey'] === 'string' ? { idempotencyKey: body['idempotencyKey'] } : {}),
    notFoundStyle: 'request',
  };
}

async function startByName(svc: ExecutionService, req: ApiRequest): Promise<string> {
  const input = bodyObject(req);
  const priority = queryInt(req, 'priority');
  checkPriority(priority);
  const version = queryInt(req, 'version');
  const correlationId = queryString(req, 'correlationId');
  const execution = await svc.start({
    name: req.params['name'] as string,
    ...(version !== undefined ? { version } : {}),
    input,
    ...(correlationId !== undefined ? { correlationId } : {}),
    ...(priority !== undefined ? { priority } : {}),
    notFoundStyle: 'byName',
  });
  return execution.workflowId;
}

function statusView(svc: ExecutionService, req: ApiRequest): JsonMap {
  const execution = svc.getOrThrow(req.params['workflowId'] as string, false);
  return {
    workflowId: execution.workflowId,
    correlationId: execution.correlationId,
    ...(queryBool(req, 'includeOutput', false) ? { output: execution.output } : {}),
    ...(queryBool(req, 'includeVariables', false) ? { variables: execution.variables } : {}),
    status: execution.status,
  };
}

function pagedTasks(svc: ExecutionService, req: ApiRequest): JsonMap {
  const execution = svc.getOrThrow(req.params['workflowId'] as string);
  const statuses = req.query.getAll('status');
  const start = queryInt(req, 'start') ?? 0;
  const count = queryInt(req, 'count') ?? 15;
  const tasks = [...execution.tasks].sort((a, b) => a.seq - b.seq).filter((t) => statuses.length === 0 || statuses.includes(t.status));
  return { totalHits: tasks.length, results: tasks.slice(start, start + count).map(toTaskJson) };
}

function correlated(svc: ExecutionService, name: string, correlationId: string, req: ApiRequest): JsonMap[] {
  const includeClosed = queryBool(req, 'includeClosed', false);
  const includeTasks = queryBool(req, 'includeTasks', false);
  return svc.search
    .workflowIdsByCorrelation(name, correlationId, includeClosed)
    .map((id) => svc.store.load(id, includeTasks))
    .filter((e) => e !== undefined)
    .map((e) => toWorkflowJson(e, includeTasks));
}

export function workflowRoutes(svc: ExecutionService): Route[] {
  return [
    { method: 'POST', path: '/api/workflow', handler: async (req) => text((await svc.start(parseStartRequest(bodyObject(req)))).workflowId) },
    { method: 'POST', path: '/api/workflow/{name}', handler: async (req) => text(await startByName(svc, req)) },
    {
      method: 'GET',
      path: '/api/workflow/{workflowId}',
      handler: (req) => {
        const includeTasks = queryBool(req, 'includeTasks', true);
        return json(toWorkflowJson(svc.getOrThrow(req.params['workflowId'] as string, includeTasks), includeTasks));
      },
    },
    { method: 'GET', path: '/api/workflow/{workflowId}/status', handler: (req) => json(statusView(svc, req)) },
    { method: 'GET', path: '/api/workflow/{workflowId}/tasks', handler: (req) => json(pagedTasks(svc, req)) },
    {
      method: 'GET',
      path: '/api/workflow/{name}/correlated/{correlationId}',
      handler: (req) => json(correlated(svc, req.params['name'] as string, req.params['correlationId'] as string, req)),
    },
    {
      method: 'POST',
      path: '/api/workflow/{name}/correlated',
      handler: (req) => {
        const ids = req.json();
        if (!Array.isArray(ids)) throw new ApiError(500, 'JSON parse error: expected an array of correlation ids');
        return json(Object.fromEntries(ids.map((c) => [String(c), correlated(svc, req.params['name'] as string, String(c), req)])));
      },
    },
    {
      method: 'GET',
      path: '/api/workflow/running/{name}',
      handler: (req) => {
        const version = queryInt(req, 'version') ?? 1;
        return json(svc.search.runningWorkflowIds(req.params['name'] as string, version, queryInt(req, 'startTime'), queryInt(req, 'endTime')));
      },
    },
  ];
}

/** True when the execution is terminal or `refs` holds a terminal task (sync execution). */
export function hasReached(svc: ExecutionService, workflowId: string, refs: string[]): boolean {
  const execution = svc.store.load(workflowId);
  if (!execution) return true;
  if (['COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED'].includes(execution.status)) return true;
  if (execution.tasks.some((t) => t.taskType === 'WAIT' && !isTaskTerminal(t.status))) return true;
  return refs.some((ref) => execution.tasks.some((t) => (t.referenceTaskName === ref || t.referenceTaskName.replace(/__\d+$/, '') === ref) && isTaskTerminal(t.status)));
}
