/**
 * Search (conductor-api.md §5, engine-behaviour J1-J4): `/api/workflow/search[-v2]` and
 * `/api/tasks/search[-v2]`, with the SQLite index's query rules, `start=0`, `size=100`
 * (at most 5000 for workflows), `freeText=*`, `sort=field:DIR|field:DIR`. A malformed query is
 * a 500, as the real server's NumberFormat/IllegalArgument exceptions are.
 */
import { ApiError } from '../http/api-error.js';
import { json } from '../http/responses.js';
import type { ApiRequest, Route } from '../http/types.js';
import type { Execution, TaskModel } from '../engine/model.js';
import { SearchQueryError, splitSort } from '../engine/search-query.js';
import type { SearchPage, SearchParams } from '../store/search.js';
import { toTaskJson, toTaskSummary, toWorkflowJson, toWorkflowSummary } from './executions-json.js';
import { queryInt, queryString } from './executions-params.js';
import type { ExecutionService } from './executions-service.js';

const MAX_WORKFLOW_SIZE = 5000;

function searchParams(req: ApiRequest, isWorkflow: boolean): SearchParams {
  const size = queryInt(req, 'size') ?? 100;
  if (isWorkflow && size > MAX_WORKFLOW_SIZE) throw new ApiError(400, `Cannot return more than ${MAX_WORKFLOW_SIZE} workflows. Please use pagination.`);
  let query = queryString(req, 'query') ?? '';
  if (isWorkflow) {
    const classifier = queryString(req, 'classifier');
    if (classifier) query = query ? `${query} AND classifier IN (${classifier})` : `classifier IN (${classifier})`;
    if (req.query.get('topLevelOnly') === 'true') query = query ? `${query} AND parentWorkflowId=""` : 'parentWorkflowId=""';
  }
  return { query, freeText: queryString(req, 'freeText') ?? '*', sort: splitSort(queryString(req, 'sort')), start: Math.max(0, queryInt(req, 'start') ?? 0), size: Math.max(0, size) };
}

function run<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SearchQueryError) throw new ApiError(500, error.message);
    throw error;
  }
}

function executionsOf(page: SearchPage): Execution[] {
  return page.rows.map((row) => ({ ...(JSON.parse(row) as Execution), tasks: [] }));
}

export function searchRoutes(svc: ExecutionService): Route[] {
  const workflows = (req: ApiRequest): { totalHits: number; executions: Execution[] } => {
    const page = run(() => svc.search.searchWorkflows(searchParams(req, true)));
    return { totalHits: page.totalHits, executions: executionsOf(page) };
  };
  const tasks = (req: ApiRequest): { totalHits: number; rows: TaskModel[] } => {
    const page = run(() => svc.search.searchTasks(searchParams(req, false)));
    return { totalHits: page.totalHits, rows: page.rows.map((row) => JSON.parse(row) as TaskModel) };
  };
  return [
    {
      method: 'GET',
      path: '/api/workflow/search',
      handler: (req) => {
        const { totalHits, executions } = workflows(req);
        return json({ totalHits, results: executions.map(toWorkflowSummary) });
      },
    },
    {
      method: 'GET',
      path: '/api/workflow/search-v2',
      handler: (req) => {
        const { totalHits, executions } = workflows(req);
        return json({ totalHits, results: executions.map((e) => toWorkflowJson({ ...e, workflowDefinition: svc.store.definitionOf(e.workflowId) ?? e.workflowDefinition }, false)) });
      },
    },
    ...byTaskRoutes(svc),
    {
      method: 'GET',
      path: '/api/tasks/search',
      handler: (req) => {
        const { totalHits, rows } = tasks(req);
        return json({ totalHits, results: rows.map(toTaskSummary) });
      },
    },
    {
      method: 'GET',
      path: '/api/tasks/search-v2',
      handler: (req) => {
        const { totalHits, rows } = tasks(req);
        const full = rows.map((row) => svc.store.load(row.workflowInstanceId)?.tasks.find((t) => t.taskId === row.taskId)).filter((t) => t !== undefined);
        return json({ totalHits, results: full.map(toTaskJson) });
      },
    },
  ];
}

/** `/workflow/search-by-tasks[-v2]`: the query runs against the task records. */
function byTaskRoutes(svc: ExecutionService): Route[] {
  const find = (req: ApiRequest): { totalHits: number; executions: Execution[] } => {
    const found = run(() => svc.search.searchWorkflowIdsByTasks(searchParams(req, true)));
    const executions = found.ids.map((id) => svc.store.load(id, false)).filter((e): e is Execution => e !== undefined);
    return { totalHits: found.totalHits, executions };
  };
  return [
    {
      method: 'GET',
      path: '/api/workflow/search-by-tasks',
      handler: (req) => {
        const { totalHits, executions } = find(req);
        return json({ totalHits, results: executions.map(toWorkflowSummary) });
      },
    },
    {
      method: 'GET',
      path: '/api/workflow/search-by-tasks-v2',
      handler: (req) => {
        const { totalHits, executions } = find(req);
        return json({ totalHits, results: executions.map((e) => toWorkflowJson(e, false)) });
      },
    },
  ];
}
