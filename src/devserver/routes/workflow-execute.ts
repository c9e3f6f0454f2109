/**
 * Synchronous execution (`POST /workflow/execute/{name}/{version}`, the official CLI's
 * `--sync`; conductor-api.md §4.9) and Orkes' `POST /workflow/{id}/state`. Both wait until
 * the workflow ends, a WAIT task blocks, one of `waitUntilTaskRef` is terminal, or
 * `waitForSeconds` pass (then `signalTimeout: true`, still 200). Instead of polling every
 * 100 ms they wake on the service's change events, so they answer as soon as it happens.
 */
import { json } from '../http/responses.js';
import type { ApiRequest, Route } from '../http/types.js';
import { updateVariables } from '../engine/operations.js';
import { isPlainObject, type Execution, type JsonMap } from '../engine/model.js';
import { toTaskJson } from './executions-json.js';
import { bodyObject, queryInt, queryString } from './executions-params.js';
import type { ExecutionService } from './executions-service.js';
import type { TaskService } from './tasks-service.js';
import { hasReached, parseStartRequest } from './workflow.js';

function waitFor(svc: ExecutionService, workflowId: string, refs: string[], seconds: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (hasReached(svc, workflowId, refs)) return resolve(false);
    const onChange = (id: string): void => {
      if (id === workflowId && hasReached(svc, workflowId, refs)) finish(false);
    };
    const timer = setTimeout(() => finish(true), seconds * 1000);
    timer.unref();
    function finish(timedOut: boolean): void {
      clearTimeout(timer);
      svc.changed.off('changed', onChange);
      resolve(timedOut);
    }
    svc.changed.on('changed', onChange);
  });
}

function workflowRun(execution: Execution, requestId: string, timedOut: boolean): JsonMap {
  return {
    responseType: 'TARGET_WORKFLOW',
    targetWorkflowId: execution.workflowId,
    targetWorkflowStatus: execution.status,
    requestId,
    workflowId: execution.workflowId,
    correlationId: execution.correlationId,
    input: execution.input,
    output: execution.output,
    signalTimeout: timedOut,
    priority: execution.priority,
    variables: execution.variables,
    tasks: [...execution.tasks].sort((a, b) => a.seq - b.seq).map(toTaskJson),
    createdBy: execution.createdBy,
    createTime: execution.createTime,
    status: execution.status,
    updateTime: execution.updateTime,
  };
}

function waitParams(req: ApiRequest): { refs: string[]; seconds: number; requestId: string } {
  const refs = (queryString(req, 'waitUntilTaskRef') ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  const seconds = queryInt(req, 'waitForSeconds') || 10;
  return { refs, seconds, requestId: queryString(req, 'requestId') ?? crypto.randomUUID() };
}

export function workflowExecuteRoutes(svc: ExecutionService, tasks: TaskService): Route[] {
  return [
    {
      method: 'POST',
      path: '/api/workflow/execute/{name}/{version}',
      handler: async (req) => {
        const body = bodyObject(req);
        const version = Number(req.params['version']);
        const options = parseStartRequest({ ...body, name: req.params['name'] });
        if (Number.isInteger(version) && version > 0) options.version = version;
        else delete options.version;
        options.notFoundStyle = 'request';
        const { refs, seconds, requestId } = waitParams(req);
        const started = await svc.start(options);
        const timedOut = await waitFor(svc, started.workflowId, refs, seconds);
        return json(workflowRun(svc.getOrThrow(started.workflowId), requestId, timedOut));
      },
    },
    {
      method: 'POST',
      path: '/api/workflow/{workflowId}/state',
      handler: async (req) => {
        const workflowId = req.params['workflowId'] as string;
        const body = bodyObject(req);
        const { refs, seconds, requestId } = waitParams(req);
        if (isPlainObject(body['variables'])) {
          const variables = body['variables'];
          await svc.mutate(workflowId, (e, ctx) => updateVariables(e, variables, ctx));
        }
        const taskResult = body['taskResult'];
        if (isPlainObject(taskResult)) {
          const ref = typeof body['taskReferenceName'] === 'string' ? body['taskReferenceName'] : undefined;
          if (ref && typeof taskResult['status'] === 'string') {
            await tasks.updateByRef(workflowId, ref, taskResult['status'], isPlainObject(taskResult['outputData']) ? taskResult['outputData'] : {}, undefined);
          } else {
            await tasks.update({ ...taskResult, workflowInstanceId: workflowId });
          }
        }
        const timedOut = await waitFor(svc, workflowId, refs, seconds);
        return json(workflowRun(svc.getOrThrow(workflowId), requestId, timedOut));
      },
    },
  ];
}
