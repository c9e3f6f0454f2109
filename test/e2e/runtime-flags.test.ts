/**
 * Runtime flags that the story and the command tests leave out (issue 6): `start --sync
 * -u`, `worker stdio --domain`, `retry --resume-subworkflow-tasks` reaching the server,
 * `task list --csv`, and the credentials hint of a 401 at the command level (dev server
 * with auth on, so dev server only).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { startFailingProxy } from '../integration/app/failing-proxy.js';
import { api, cliAgainst, getExecution, nodeWorker, startWorker, waitForStatus } from './runtime-support.js';

let server: TestServer;
let dir: string;
let cli: ReturnType<typeof cliAgainst>;

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'runtime-flags-'));
  cli = cliAgainst(server.url);
  writeFileSync(join(dir, 'tasks.json'), JSON.stringify([
    { name: 'rf_a', ownerEmail: 'qa@example.com', retryCount: 0, description: 'first, "quoted"' },
    { name: 'rf_b', ownerEmail: 'qa@example.com', retryCount: 0 },
  ]));
  writeFileSync(join(dir, 'flow.json'), JSON.stringify({
    name: 'rf_flow', version: 1, ownerEmail: 'qa@example.com', schemaVersion: 2,
    tasks: [{ name: 'rf_a', taskReferenceName: 'a_ref', type: 'SIMPLE' }, { name: 'rf_b', taskReferenceName: 'b_ref', type: 'SIMPLE' }],
  }));
  expect((await cli(['task', 'create', join(dir, 'tasks.json')])).exitCode).toBe(0);
  expect((await cli(['workflow', 'create', join(dir, 'flow.json')])).exitCode).toBe(0);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('runtime flags', () => {
  it('start --sync -u returns once that task is done, while the execution still runs', async () => {
    const worker = startWorker(server.url, 'rf_a', nodeWorker(`console.log(JSON.stringify({status:'COMPLETED',output:{a:1}}))`));
    try {
      const result = await cli(['workflow', 'start', '-w', 'rf_flow', '--sync', '-u', 'a_ref', '--timeout', '15', '--full']);
      expect(result.exitCode, result.stderr).toBe(0);
      const run = JSON.parse(result.stdout) as { workflowId: string; status: string; tasks: { referenceTaskName: string; status: string }[] };
      expect(run.status).toBe('RUNNING');
      expect(run.tasks.find((t) => t.referenceTaskName === 'a_ref')?.status).toBe('COMPLETED');
      expect((await getExecution(server.url, run.workflowId)).tasks.map((t) => t.referenceTaskName)).toEqual(['a_ref', 'b_ref']);
      await cli(['workflow', 'terminate', run.workflowId]);
    } finally {
      await worker.stop();
    }
  });

  it('worker stdio --domain polls that domain and passes POLL_DOMAIN to the command', async () => {
    const id = (await api(server.url, '/workflow', { method: 'POST', body: JSON.stringify({ name: 'rf_flow', input: {}, taskToDomain: { rf_a: 'qa_domain' } }) })) as string;
    const plain = startWorker(server.url, 'rf_a', nodeWorker(`console.log(JSON.stringify({status:'COMPLETED',output:{by:'plain'}}))`));
    const scoped = startWorker(server.url, 'rf_a', nodeWorker(`console.log(JSON.stringify({status:'COMPLETED',output:{by:process.env.POLL_DOMAIN}}))`), ['--domain', 'qa_domain']);
    try {
      const done = await waitFor(() => getExecution(server.url, id), (e) => e.tasks.some((t) => t.referenceTaskName === 'a_ref' && t.status === 'COMPLETED'));
      expect(done.tasks.find((t) => t.referenceTaskName === 'a_ref')?.outputData).toEqual({ by: 'qa_domain' });
    } finally {
      await Promise.all([plain.stop(), scoped.stop()]);
      await cli(['workflow', 'terminate', id]);
    }
  });

  it('retry --resume-subworkflow-tasks sends the flag, one call per id', async () => {
    const proxy = await startFailingProxy(server.url);
    try {
      const ids = [await startAndFail(), await startAndFail()];
      const result = await cliAgainst(proxy.url)(['workflow', 'retry', ...ids, '--resume-subworkflow-tasks']);
      expect(result.exitCode, result.stderr).toBe(0);
      const retries = proxy.requests.filter((r) => r.url.includes('/retry')).map((r) => r.url);
      expect(retries.sort()).toEqual(ids.map((id) => `/api/workflow/${id}/retry?resumeSubworkflowTasks=true`).sort());
      for (const id of ids) expect((await getExecution(server.url, id)).status).toBe('RUNNING');
      await cli(['workflow', 'terminate', ...ids]);
    } finally {
      await proxy.close();
    }
  });

  it('task list --csv: the official columns, quoted where needed', async () => {
    const result = await cli(['task', 'list', '--csv']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('NAME,EXECUTABLE,DESCRIPTION,OWNER,TIMEOUT POLICY,TIMEOUT (s),RETRY COUNT,RESPONSE TIMEOUT (s)');
    expect(lines.find((l) => l.startsWith('rf_a,'))).toBe('rf_a,true,"first, ""quoted""",qa@example.com,TIME_OUT_WF,0,0,3600');
  });
});

async function startAndFail(): Promise<string> {
  const id = (await cli(['workflow', 'start', '-w', 'rf_flow'])).stdout.trim();
  const result = await cli(['task', 'update-execution', '--workflow-id', id, '--task-ref-name', 'a_ref', '--status', 'FAILED']);
  expect(result.exitCode, result.stderr).toBe(0);
  await waitForStatus(server.url, id, 'FAILED');
  return id;
}

async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('credentials (dev server only: it needs known credentials)', () => {
  let secured: TestServer;
  beforeAll(async () => {
    secured = await startTestServer({ forceDevServer: true, auth: { keyId: 'qa-key', keySecret: 'qa-secret-5e1d' } });
  });
  afterAll(async () => secured?.close());

  it('no credentials: 401 with the credentials hint, exit 1, no stack trace', async () => {
    const result = await cliAgainst(secured.url)(['workflow', 'status', 'some-id']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/failed with 401/);
    expect(result.stderr).toMatch(/hint: check the credentials/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a wrong secret or token: exit 1, a hint, and neither value is printed', async () => {
    const wrongSecret = await cliAgainst(secured.url)(['task', 'list'], { env: { CONDUCTOR_AUTH_KEY: 'qa-key', CONDUCTOR_AUTH_SECRET: 'wrong-secret-9a7c' } });
    expect(wrongSecret.exitCode).toBe(1);
    expect(wrongSecret.stderr).toMatch(/authentication failed.*\nhint: check the key id and secret/);
    const wrongToken = await cliAgainst(secured.url)(['workflow', 'list', '--auth-token', 'bogus-token-3f9e']);
    expect(wrongToken.exitCode).toBe(1);
    expect(wrongToken.stderr).toMatch(/hint: check the credentials/);
    expect(wrongSecret.stdout + wrongSecret.stderr + wrongToken.stdout + wrongToken.stderr).not.toMatch(/wrong-secret-9a7c|bogus-token-3f9e/);
  });

  it('the right key and secret work', async () => {
    const result = await cliAgainst(secured.url)(['task', 'list', '--json'], { env: { CONDUCTOR_AUTH_KEY: 'qa-key', CONDUCTOR_AUTH_SECRET: 'qa-secret-5e1d' } });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expect.any(Array));
  });
});
