/**
 * `/api/tasks` (R/TaskResource.java; conductor-api.md §3.4): polls with real long polling,
 * updates (plain, update-v2, by reference), task reads, logs and queue information.
 */
import { ApiError, notFound } from '../http/api-error.js';
import { empty, json, text } from '../http/responses.js';
import type { ApiRequest, Route } from '../http/types.js';
import type { TaskModel } from '../engine/model.js';
import { toTaskJson, toWorkflowJson } from './executions-json.js';
import { optionalBodyObject, queryInt, queryString } from './executions-params.js';
import type { ExecutionService } from './executions-service.js';
import type { TaskService } from './tasks-service.js';

const MAX_LONG_POLL_MS = 5000;

async function pollBatch(tasks: TaskService, req: ApiRequest): Promise<TaskModel[]> {
  const timeoutMs = queryInt(req, 'timeout') ?? 100;
  if (timeoutMs > MAX_LONG_POLL_MS) throw new ApiError(400, 'Long Poll Timeout value cannot be more than 5 seconds');
  const count = queryInt(req, 'count') ?? 1;
  if (count < 1) throw new ApiError(400, 'count must be greater than 0');
  const workerId = queryString(req, 'workerid');
  const domain = queryString(req, 'domain');
  return tasks.poll({
    taskType: req.params['taskType'] as string,
    count,
    timeoutMs: Math.max(0, timeoutMs),
    ...(workerId ? { workerId } : {}),
    ...(domain ? { domain } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
  });
}

function findTask(svc: ExecutionService, taskId: string): TaskModel | undefined {
  const workflowId = svc.store.workflowIdOfTask(taskId);
  return workflowId ? svc.store.load(workflowId)?.tasks.find((t) => t.taskId === taskId) : undefined;
}

function pollDataRows(tasks: TaskService, taskType?: string): unknown[] {
  return [...tasks.pollData.values()].filter((row) => taskType === undefined || row.queueName === taskType);
}

export function taskRoutes(svc: ExecutionService, tasks: TaskService): Route[] {
  return [...workerRoutes(svc, tasks), ...taskInfoRoutes(svc, tasks)];
}

/** What workers call: polls and updates. */
function workerRoutes(svc: ExecutionService, tasks: TaskService): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/tasks/poll/{taskType}',
      handler: async (req) => {
        const workerId = queryString(req, 'workerid');
        const domain = queryString(req, 'domain');
        const [task] = await tasks.poll({ taskType: req.params['taskType'] as string, count: 1, timeoutMs: 0, ...(workerId ? { workerId } : {}), ...(domain ? { domain } : {}) });
        return task ? json(toTaskJson(task)) : empty(204);
      },
    },
    { method: 'GET', path: '/api/tasks/poll/batch/{taskType}', handler: async (req) => json((await pollBatch(tasks, req)).map(toTaskJson)) },
    { method: 'POST', path: '/api/tasks', handler: async (req) => text((await tasks.update(req.json())).taskId) },
    {
      method: 'POST',
      path: '/api/tasks/update-v2',
      handler: async (req) => {
        const next = await tasks.updateAndClaimNext(req.json());
        return next ? json(toTaskJson(next)) : empty(204);
      },
    },
    {
      method: 'POST',
      path: '/api/tasks/{workflowId}/{taskRefName}/{status}',
      handler: async (req) => {
        const task = await tasks.updateByRef(req.params['workflowId'] as string, req.params['taskRefName'] as string, req.params['status'] as string, optionalBodyObject(req), queryString(req, 'workerid'));
        return task ? text(task.taskId) : empty();
      },
    },
    {
      method: 'POST',
      path: '/api/tasks/{workflowId}/{taskRefName}/{status}/sync',
      handler: async (req) => {
        const workflowId = req.params['workflowId'] as string;
        const task = await tasks.updateByRef(workflowId, req.params['taskRefName'] as string, req.params['status'] as string, optionalBodyObject(req), queryString(req, 'workerid'));
        if (!task) throw notFound(`No pending task found with reference name ${req.params['taskRefName'] as string} in workflow ${workflowId}`);
        return json(toWorkflowJson(svc.getOrThrow(workflowId)));
      },
    },
  ];
}

/** Task reads, logs and queue information. */
function taskInfoRoutes(svc: ExecutionService, tasks: TaskService): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/tasks/{taskId}',
      handler: (req) => {
        const task = findTask(svc, req.params['taskId'] as string);
        if (!task) throw notFound(`Task not found for taskId: ${req.params['taskId'] as string}`);
        return json(toTaskJson(task));
      },
    },
    {
      method: 'POST',
      path: '/api/tasks/{taskId}/log',
      handler: async (req) => {
        await svc.transact(() => svc.search.addTaskLogs([{ taskId: req.params['taskId'] as string, log: req.bodyText, createdTime: svc.now() }]));
        return empty();
      },
    },
    {
      method: 'GET',
      path: '/api/tasks/{taskId}/log',
      handler: (req) => {
        const logs = svc.search.taskLogs(req.params['taskId'] as string);
        return logs.length > 0 ? json(logs) : empty(204);
      },
    },
    {
      method: 'GET',
      path: '/api/tasks/queue/sizes',
      handler: (req) => {
        const types = req.query.getAll('taskType');
        if (types.length === 0) throw new ApiError(500, "Required request parameter 'taskType' for method parameter type List is not present");
        return json(Object.fromEntries(types.map((t) => [t, svc.store.queueSize(t)])));
      },
    },
    {
      method: 'GET',
      path: '/api/tasks/queue/size',
      handler: (req) => {
        const type = queryString(req, 'taskType') ?? '';
        const domain = queryString(req, 'domain');
        return json(svc.store.queueSize(domain ? `${domain}:${type}` : type));
      },
    },
    { method: 'GET', path: '/api/tasks/queue/all', handler: () => json(svc.search.queueSizes()) },
    {
      method: 'GET',
      path: '/api/tasks/queue/all/verbose',
      // queue → shard → {size, uacked}, as the Redis queue DAO reports it (one shard here).
      handler: () => json(Object.fromEntries(Object.entries(svc.search.queueSizes()).map(([q, n]) => [q, { a: { size: n, uacked: 0 } }]))),
    },
    { method: 'GET', path: '/api/tasks/queue/polldata', handler: (req) => json(pollDataRows(tasks, queryString(req, 'taskType'))) },
    { method: 'GET', path: '/api/tasks/queue/polldata/all', handler: () => json(pollDataRows(tasks)) },
    {
      // The queue lives in the task rows, so nothing can be missing from it: requeue only
      // reports how many tasks of the type are queued (text/plain, as the real server).
      method: 'POST',
      path: '/api/tasks/queue/requeue/{taskType}',
      handler: (req) => {
        const type = req.params['taskType'] as string;
        const sizes = svc.search.queueSizes();
        const count = Object.entries(sizes).filter(([q]) => q === type || q.endsWith(`:${type}`)).reduce((n, [, c]) => n + c, 0);
        return text(String(count));
      },
    },
  ];
}
