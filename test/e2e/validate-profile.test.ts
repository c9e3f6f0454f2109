/**
 * `conductor validate --profile ci` through the real CLI against a dev server (or the real
 * Conductor in CONDUCTOR_TEST_URL): the server's task defs and workflows decide which
 * missing definitions are errors. `--server` points the fixture's environment at it.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const cwd = resolve(repoRoot, 'test/fixtures/repos/broken-profile');

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
}

describe('conductor validate --profile', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await post(`${server.url}/metadata/taskdefs`, [{ name: 'on_server_task', retryCount: 1, timeoutSeconds: 60, responseTimeoutSeconds: 30 }]);
    const child = { name: 'server_child', version: 2, schemaVersion: 2, tasks: [{ name: 'on_server_task', taskReferenceName: 'x', type: 'SIMPLE' }] };
    await post(`${server.url}/metadata/workflow`, child);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('makes a task def that neither the repo nor the server has an error', async () => {
    const result = await runCli(['validate', '--profile', 'ci', '--server', server.url], { cwd });
    expect(result.stdout).toContain("task def 'nowhere_task' is neither in the repo nor on the server [TASK_DEF_MISSING]");
    expect(result.stdout.match(/\[[A-Z_]+\]/g)).toEqual(['[TASK_DEF_MISSING]']);
    expect(result.stderr).toBe('✖ 1 error in 2 definitions (3 files)\n');
    expect(result.exitCode).toBe(3);
  });

  it('fails with exit 1 and one clear message when the server cannot be reached', async () => {
    const result = await runCli(['validate', '--profile', 'ci'], { cwd, env: { CONDUCTOR_CLIENT_HTTP_TIMEOUT: '2' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: .*127\.0\.0\.1:9/m);
    expect(result.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it('--offline uses the environment without the server', async () => {
    const result = await runCli(['validate', '--profile', 'ci', '--offline'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('⚠ 3 warnings in 2 definitions (3 files)\n');
  });
});
