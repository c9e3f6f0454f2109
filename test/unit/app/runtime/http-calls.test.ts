/**
 * What the runtime use cases put on the wire, checked with a recording fetch: skip-task's
 * input/output travel as query parameters (the server ignores a body, conductor-api.md
 * §3.2), jump sends the ref in the query and the path, bulk calls are chunked by 1000 and
 * report every id, and a 404 names the missing execution.
 */
import { describe, expect, it } from 'vitest';
import { connectRuntime } from '../../../../src/app/runtime/client.js';
import { recoverExecutions } from '../../../../src/app/runtime/bulk.js';
import { jumpToTask, skipTask } from '../../../../src/app/runtime/operations.js';
import { getExecutionStatus } from '../../../../src/app/runtime/executions.js';
import { createWorkflowDefs } from '../../../../src/app/runtime/definitions.js';
import { CliError } from '../../../../src/errors.js';

interface Call {
  method: string;
  url: URL;
  body: unknown;
}

function recordingClient(answer: (call: Call) => Response = () => new Response(null, { status: 200 })) {
  const calls: Call[] = [];
  const client = connectRuntime({
    target: { serverUrl: 'http://conductor.test/api', auth: { kind: 'none' } },
    env: {},
    hooks: {
      retry: { retries: 0 },
      fetch: async (url, init) => {
        const call = { method: String(init.method), url: new URL(url), body: init.body === undefined ? undefined : JSON.parse(String(init.body)) };
        calls.push(call);
        return answer(call);
      },
    },
  });
  return { client, calls };
}

describe('runtime HTTP calls', () => {
  it('skip-task sends taskInput and taskOutput as JSON query parameters, no body', async () => {
    const { client, calls } = recordingClient();
    await skipTask(client, 'wf1', 'email_ref', { taskOutput: { messageId: 'skipped' }, taskInput: { a: 1 } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('PUT');
    expect(calls[0]!.url.pathname).toBe('/api/workflow/wf1/skiptask/email_ref');
    expect(JSON.parse(calls[0]!.url.searchParams.get('taskOutput')!)).toEqual({ messageId: 'skipped' });
    expect(JSON.parse(calls[0]!.url.searchParams.get('taskInput')!)).toEqual({ a: 1 });
    expect(calls[0]!.body).toBeUndefined();
  });

  it('jump puts the ref in the path and in ?taskReferenceName', async () => {
    const { client, calls } = recordingClient();
    await jumpToTask(client, 'wf1', 'token_ref', { x: 1 });
    expect(calls[0]!.url.pathname).toBe('/api/workflow/wf1/jump/token_ref');
    expect(calls[0]!.url.searchParams.get('taskReferenceName')).toBe('token_ref');
    expect(calls[0]!.body).toEqual({ x: 1 });
  });

  it('bulk retry chunks 2500 ids into 1000/1000/500 and reports each id', async () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `id-${i}`);
    const { client, calls } = recordingClient(
      (call) => new Response(JSON.stringify({ bulkErrorResults: (call.body as string[]).includes('id-7') ? { 'id-7': 'not failed' } : {}, bulkSuccessfulResults: [] }), { headers: { 'content-type': 'application/json' } }),
    );
    const result = await recoverExecutions(client, { action: 'retry', ids });
    expect(calls.map((c) => `${c.method} ${c.url.pathname} ${(c.body as string[]).length}`)).toEqual([
      'POST /api/workflow/bulk/retry 1000',
      'POST /api/workflow/bulk/retry 1000',
      'POST /api/workflow/bulk/retry 500',
    ]);
    expect(result.results).toHaveLength(2500);
    expect(result.failed).toBe(1);
    expect(result.results[7]).toEqual({ workflowId: 'id-7', ok: false, error: 'not failed' });
  });

  it('restart of several ids passes useLatestDefinitions to the bulk endpoint', async () => {
    const { client, calls } = recordingClient(() => new Response('{"bulkErrorResults":{},"bulkSuccessfulResults":["a","b"]}', { headers: { 'content-type': 'application/json' } }));
    await recoverExecutions(client, { action: 'restart', ids: ['a', 'b'], useLatestDefinitions: true });
    expect(calls[0]!.url.pathname).toBe('/api/workflow/bulk/restart');
    expect(calls[0]!.url.searchParams.get('useLatestDefinitions')).toBe('true');
  });

  it('a single id uses the single endpoint and a 404 becomes a per-id failure', async () => {
    const { client, calls } = recordingClient(() => new Response('{"message":"No such workflow"}', { status: 404, headers: { 'content-type': 'application/json' } }));
    const result = await recoverExecutions(client, { action: 'retry', ids: ['gone'], resumeSubworkflowTasks: true });
    expect(calls[0]!.url.pathname).toBe('/api/workflow/gone/retry');
    expect(calls[0]!.url.searchParams.get('resumeSubworkflowTasks')).toBe('true');
    expect(result).toEqual({ action: 'retry', failed: 1, results: [{ workflowId: 'gone', ok: false, error: 'workflow execution gone not found' }] });
  });

  it('status falls back to GET /workflow/{id} when /status is missing, and names a missing execution', async () => {
    const { client, calls } = recordingClient((call) =>
      call.url.pathname.endsWith('/status') ? new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } }) : new Response('{"status":"PAUSED"}', { headers: { 'content-type': 'application/json' } }),
    );
    expect(await getExecutionStatus(client, 'wf1')).toBe('PAUSED');
    expect(calls.map((c) => c.url.pathname + c.url.search)).toEqual(['/api/workflow/wf1/status?includeOutput=true&includeVariables=true', '/api/workflow/wf1?includeTasks=false']);

    const missing = recordingClient(() => new Response('{"message":"nope"}', { status: 404, headers: { 'content-type': 'application/json' } }));
    await expect(getExecutionStatus(missing.client, 'wf2')).rejects.toMatchObject({ code: 'EXECUTION_NOT_FOUND', message: 'workflow execution wf2 not found' });
  });

  it('workflow create without --force refuses an existing version (409) and with --force replaces it', async () => {
    const file = new URL('../../../../definitions/workflows/password_reset.yaml', import.meta.url).pathname;
    const conflict = recordingClient(() => new Response('{"message":"exists"}', { status: 409, headers: { 'content-type': 'application/json' } }));
    const error = await createWorkflowDefs(conflict.client, { file, cwd: '/', force: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'WORKFLOW_DEF_EXISTS' });
    expect(conflict.calls[0]!.url.search).toBe('?overwrite=false');

    const forced = recordingClient(() => new Response('{"bulkErrorResults":{},"bulkSuccessfulResults":[]}', { headers: { 'content-type': 'application/json' } }));
    expect(await createWorkflowDefs(forced.client, { file, cwd: '/', force: true })).toEqual([{ name: 'password_reset', version: 1 }]);
    expect(forced.calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual(['PUT /api/metadata/workflow']);
  });
});
