import { describe, expect, it } from 'vitest';
import { fetchExecutionCounts } from '../../../src/conductor/executions-api.js';
import { createHttpClient, type HttpClient, type RequestOptions } from '../../../src/conductor/http.js';
import { postExecuteWorkflow } from '../../../src/conductor/workflow-api.js';
import { postUpdateState } from '../../../src/conductor/workflow-api-ops.js';
import { createWorkflowDef, deleteTaskDef, fetchTaskDefs, fetchWorkflowDef, putWorkflowDefs, updateTaskDef } from '../../../src/conductor/metadata-api.js';
import { readExecutionCounts, readRemoteState } from '../../../src/conductor/remote-state.js';
import { empty, json, recordingSleep, scriptedFetch, text, type Step } from './fake-fetch.js';

function http(...steps: Step[]) {
  const fake = scriptedFetch(...steps);
  return { http: createHttpClient({ serverUrl: 'http://h', fetch: fake.fetch, sleep: recordingSleep().sleep, retry: { retries: 0 } }), calls: fake.calls };
}

describe('metadata calls', () => {
  it('reads the actual state with two bulk requests, version defaulting to 1', async () => {
    const { http: client, calls } = http(
      (c) => (c.url.endsWith('taskdefs') ? json(200, [{ name: 't1' }]) : json(200, [{ name: 'w', version: 2, tasks: [] }, { name: 'v', tasks: [] }])),
      (c) => (c.url.endsWith('taskdefs') ? json(200, [{ name: 't1' }]) : json(200, [{ name: 'w', version: 2, tasks: [] }, { name: 'v', tasks: [] }])),
    );
    const state = await readRemoteState(client);
    expect([...state.keys()].sort()).toEqual(['taskDef/t1', 'workflowDef/v@1', 'workflowDef/w@2']);
    expect(calls.map((c) => c.url).sort()).toEqual(['http://h/api/metadata/taskdefs', 'http://h/api/metadata/workflow']);
  });

  it('rejects an answer that is not a list of definitions', async () => {
    const { http: client } = http(text(200, '<html>login</html>', 'text/html'));
    await expect(fetchTaskDefs(client)).rejects.toMatchObject({ code: 'API_UNEXPECTED_ANSWER' });
  });

  it('returns undefined for a missing definition and encodes names', async () => {
    const { http: client, calls } = http(json(404, { message: 'No such workflow found by name: a b, version: 3' }));
    expect(await fetchWorkflowDef(client, 'a b', 3)).toBeUndefined();
    expect(calls[0]!.url).toBe('http://h/api/metadata/workflow/a%20b?version=3');
  });

  it('treats a 404 on delete as done (a retried delete converges)', async () => {
    const { http: client } = http(json(404, { message: 'No such task definition' }));
    await expect(deleteTaskDef(client, 'gone')).resolves.toBeUndefined();
  });

  it('reports per-item bulk errors of PUT /metadata/workflow', async () => {
    const { http: client } = http(json(200, { bulkErrorResults: { w2: 'boom' }, bulkSuccessfulResults: ['w1'] }));
    const result = await putWorkflowDefs(client, [{ name: 'w1' }, { name: 'w2' }]);
    expect([...result.errors]).toEqual([['w2', 'boom']]);
  });
});

describe('single-definition writes', () => {
  it('registers a workflow with POST, surfacing 409 and never retrying a 5xx', async () => {
    const conflict = http(json(409, { status: 409, message: 'Workflow with w.1 already exists!' }));
    await expect(createWorkflowDef(conflict.http, { name: 'w', tasks: [] })).rejects.toMatchObject({ status: 409, serverMessage: 'Workflow with w.1 already exists!' });
    const fake = scriptedFetch(json(503, {}), empty());
    const client = createHttpClient({ serverUrl: 'http://h', fetch: fake.fetch, sleep: recordingSleep().sleep });
    await expect(createWorkflowDef(client, { name: 'w', tasks: [] }, { overwrite: true })).rejects.toMatchObject({ status: 503 });
    expect(fake.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST http://h/api/metadata/workflow?overwrite=true']);
  });

  it('updates one task def with PUT and a single object', async () => {
    const { http: client, calls } = http(empty());
    await updateTaskDef(client, { name: 't', retryCount: 1 });
    expect(calls[0]).toMatchObject({ method: 'PUT', url: 'http://h/api/metadata/taskdefs', body: { name: 't', retryCount: 1 } });
  });
});

describe('execution counts', () => {
  const summary = (workflowType: string, version: number, status: string) => ({ workflowType, version, status });

  it('counts RUNNING and PAUSED per name and version across pages, with one IN query', async () => {
    const { http: client, calls } = http(
      json(200, { totalHits: 3, results: [summary('a', 1, 'RUNNING'), summary('a', 1, 'PAUSED')] }),
      json(200, { totalHits: 3, results: [summary('b', 2, 'RUNNING')] }),
    );
    const counts = await fetchExecutionCounts(client, ['b', 'a'], { pageSize: 2 });
    expect(Object.fromEntries(counts.byVersion)).toEqual({ 'a@1': { RUNNING: 1, PAUSED: 1 }, 'b@2': { RUNNING: 1, PAUSED: 0 } });
    const first = new URL(calls[0]!.url);
    expect(first.searchParams.get('query')).toBe('workflowType IN (a,b) AND status IN (RUNNING,PAUSED)');
    expect(new URL(calls[1]!.url).searchParams.get('start')).toBe('2');
  });

  it('reports names the query grammar cannot carry as unknown', async () => {
    const { http: client } = http(json(200, { totalHits: 0, results: [] }));
    const counts = await fetchExecutionCounts(client, ['ok', 'has space', 'a,b']);
    expect(counts.unknownNames).toEqual(['has space', 'a,b']);
  });

  it('warns and returns undefined when search is unavailable', async () => {
    const warnings: string[] = [];
    const { http: client } = http(json(404, { message: 'No static resource' }));
    expect(await readExecutionCounts(client, ['a'], (m) => warnings.push(m))).toBeUndefined();
    expect(warnings[0]).toMatch(/execution search is unavailable on this server \(404\)/);
  });

  it('asks nothing when there are no names', async () => {
    const { http: client, calls } = http(empty());
    await readExecutionCounts(client, [], () => undefined);
    expect(calls).toHaveLength(0);
  });
});

describe('calls the server holds', () => {
  const recording = () => {
    const calls: { path: string; options: RequestOptions | undefined }[] = [];
    const http: HttpClient = {
      baseUrl: 'http://h/api',
      request: async (_method, path, options) => (calls.push({ path, options }), { status: 200, body: { workflowId: 'w1' } }),
    };
    return { http, calls };
  };

  it('give start-and-wait and update-state room beyond the wait they ask for', async () => {
    const { http, calls } = recording();
    await postExecuteWorkflow(http, { name: 'f', input: {}, requestId: 'r', waitForSeconds: 60 });
    await postExecuteWorkflow(http, { name: 'f', input: {}, requestId: 'r' });
    await postUpdateState(http, 'w1', { requestId: 'r', waitForSeconds: 45 });
    expect(calls.map((c) => c.options?.minTimeoutMs)).toEqual([75_000, 25_000, 60_000]);
  });
});
