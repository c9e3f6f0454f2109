/**
 * `/api/workflow/bulk/*` (R/WorkflowBulkResource.java; conductor-api.md §3.3): the same
 * operations for 1..1000 ids, always 200 with a BulkResponse; each id is its own transaction
 * and its failure lands in `bulkErrorResults`.
 */
import { ApiError } from '../http/api-error.js';
import { json } from '../http/responses.js';
import type { Route } from '../http/types.js';
import { toWorkflowJson } from './executions-json.js';
import { bulkIds, queryBool, queryString } from './executions-params.js';
import type { ExecutionService } from './executions-service.js';
import { pause, restart, resume, retry, terminate } from './workflow-operations.js';

interface BulkResponse {
  bulkErrorResults: Record<string, string>;
  bulkSuccessfulResults: unknown[];
}

async function runBulk(ids: string[], action: (id: string) => unknown): Promise<BulkResponse> {
  const response: BulkResponse = { bulkErrorResults: {}, bulkSuccessfulResults: [] };
  for (const id of ids) {
    try {
      const value = await action(id);
      response.bulkSuccessfulResults.push(value === undefined ? id : value);
    } catch (error) {
      response.bulkErrorResults[id] = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    }
  }
  return response;
}

export function workflowBulkRoutes(svc: ExecutionService): Route[] {
  return [
    { method: 'PUT', path: '/api/workflow/bulk/pause', handler: async (req) => json(await runBulk(bulkIds(req), (id) => pause(svc, id))) },
    { method: 'PUT', path: '/api/workflow/bulk/resume', handler: async (req) => json(await runBulk(bulkIds(req), (id) => resume(svc, id))) },
    {
      method: 'POST',
      path: '/api/workflow/bulk/restart',
      handler: async (req) => {
        const useLatest = queryBool(req, 'useLatestDefinitions', false);
        return json(await runBulk(bulkIds(req), (id) => restart(svc, id, useLatest)));
      },
    },
    { method: 'POST', path: '/api/workflow/bulk/retry', handler: async (req) => json(await runBulk(bulkIds(req), (id) => retry(svc, id))) },
    {
      method: 'POST',
      path: '/api/workflow/bulk/terminate',
      handler: async (req) => {
        const reason = queryString(req, 'reason');
        return json(await runBulk(bulkIds(req), (id) => terminate(svc, id, reason)));
      },
    },
    {
      method: 'DELETE',
      path: '/api/workflow/bulk/remove',
      handler: async (req) => {
        const archive = queryBool(req, 'archiveWorkflow', true);
        return json(await runBulk(bulkIds(req), (id) => svc.remove(id, archive)));
      },
    },
    {
      method: 'DELETE',
      path: '/api/workflow/bulk/terminate-remove',
      handler: async (req) => {
        const reason = queryString(req, 'reason');
        return json(await runBulk(bulkIds(req), async (id) => {
          await terminate(svc, id, reason);
          await svc.remove(id, false);
        }));
      },
    },
    {
      method: 'POST',
      path: '/api/workflow/bulk/search',
      handler: async (req) => {
        const includeTasks = queryBool(req, 'includeTasks', true);
        return json(await runBulk(bulkIds(req), (id) => toWorkflowJson(svc.getOrThrow(id, includeTasks), includeTasks)));
      },
    },
  ];
}
