/**
 * `workflow delete` with "name version" lines on stdin, as the official CLI takes them: each
 * line is reported, a failing line does not stop the others, and the exit code is 1 if any
 * failed. Runs the built CLI against a dev server started by the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { runCli } from '../helpers/run-cli.js';

let server: TestServer;
const cli = (args: string[], input?: string) =>
  runCli(['--server', server.url, ...args], input === undefined ? {} : { input });

async function register(name: string, version: number): Promise<void> {
  const response = await fetch(`${server.url}/metadata/workflow`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, version, tasks: [{ name: 't', taskReferenceName: 't_ref' }] }),
  });
  expect(response.status).toBe(200);
}

async function versionsOf(name: string): Promise<number[]> {
  const all = (await (await fetch(`${server.url}/metadata/workflow`)).json()) as { name: string; version: number }[];
  return all.filter((d) => d.name === name).map((d) => d.version);
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('workflow delete from stdin', () => {
  it('deletes each "name version" line, skipping blanks and comments', async () => {
    await register('stdin_a', 1);
    await register('stdin_a', 2);
    await register('stdin_b', 1);
    const result = await cli(['workflow', 'delete'], '# cleanup\nstdin_a 1\n\nstdin_b 1\n');
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('workflow stdin_a version 1 deleted');
    expect(result.stderr).toContain('workflow stdin_b version 1 deleted');
    expect(await versionsOf('stdin_a')).toEqual([2]);
    expect(await versionsOf('stdin_b')).toEqual([]);
  });

  it('reports a missing definition, goes on with the next line, and exits 1', async () => {
    await register('stdin_c', 1);
    const result = await cli(['workflow', 'delete'], 'stdin_missing 7\nstdin_c 1\n');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/workflow stdin_missing version 7 not deleted: .*404|not found|No such/i);
    expect(result.stderr).toContain('workflow stdin_c version 1 deleted');
    expect(await versionsOf('stdin_c')).toEqual([]);
  });

  it('refuses a malformed line before deleting anything (exit 4)', async () => {
    await register('stdin_d', 1);
    const result = await cli(['workflow', 'delete'], 'stdin_d 1\nstdin_d one\n');
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('stdin line 2: expected a workflow version');
    expect(await versionsOf('stdin_d')).toEqual([1]);
  });

  it('still takes <name> <version> arguments, and refuses a name without a version', async () => {
    await register('stdin_e', 3);
    expect((await cli(['workflow', 'delete', 'stdin_e', '3'])).exitCode).toBe(0);
    expect(await versionsOf('stdin_e')).toEqual([]);
    const missing = await cli(['workflow', 'delete', 'stdin_e']);
    expect(missing.exitCode).toBe(4);
    expect(missing.stderr).toContain('expected a workflow version');
  });
});
