/**
 * `conductor server start|stop|status|logs` through the built CLI (bin/conductor.js → dist/).
 * Servers use port 0 and temp data directories; every test stops what it started.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, minimalEnv, runCli } from '../helpers/run-cli.js';

const workDir = mkdtempSync(join(tmpdir(), 'devserver-cli-'));
const dataDir = join(workDir, 'data');

afterAll(async () => {
  await runCli(['server', 'stop', '--data-dir', dataDir, '--timeout', '2']);
  await runCli(['server', 'stop', '--timeout', '2'], { cwd: workDir });
  rmSync(workDir, { recursive: true, force: true });
});

describe('conductor server (e2e)', () => {
  it('start prints the API URL, status reports it, a second start fails naming the first, stop stops it', async () => {
    const start = await runCli(['server', 'start', '--port', '0', '--data-dir', dataDir]);
    expect(start.exitCode, start.stderr).toBe(0);
    const apiUrl = start.stdout.trim();
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(start.stderr).toMatch(/dev server started in \d+ ms: pid \d+/);
    const record = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { pid: number; url: string };
    expect(`${record.url}/api`).toBe(apiUrl);

    await fetch(`${apiUrl}/metadata/taskdefs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ name: 'a' }, { name: 'b' }]) });
    const status = await runCli(['server', 'status', '--json', '--data-dir', dataDir]);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, responding: true, pid: record.pid, apiUrl, dataDir, definitions: { taskDefs: 2, workflowDefs: 0 } });
    const text = await runCli(['server', 'status', '--data-dir', dataDir]);
    expect(text.stdout).toContain(`running: ${apiUrl}`);
    expect(text.stdout).toContain('2 task defs, 0 workflow defs');

    const again = await runCli(['server', 'start', '--port', '0', '--data-dir', dataDir]);
    expect(again.exitCode).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(`already running for ${dataDir} (pid ${record.pid}, ${record.url})`);

    const port = new URL(apiUrl).port;
    const otherDir = join(workDir, 'other');
    const clash = await runCli(['server', 'start', '--port', port, '--data-dir', otherDir]);
    expect(clash.exitCode).toBe(1);
    expect(clash.stderr).toContain(`port ${port} on 127.0.0.1 is already in use by a dev server (pid ${record.pid}, data directory ${dataDir})`);

    const logs = await runCli(['server', 'logs', '-n', '3', '--data-dir', dataDir]);
    expect(logs.exitCode).toBe(0);
    expect(logs.stdout.trim().split('\n')).toHaveLength(3);
    expect(logs.stdout).toMatch(/GET \/devserver\/status 200/);

    const stop = await runCli(['server', 'stop', '--data-dir', dataDir]);
    expect(stop.exitCode).toBe(0);
    expect(stop.stderr).toContain(`dev server stopped (pid ${record.pid}`);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
    const after = await runCli(['server', 'status', '--data-dir', dataDir]);
    expect(after.exitCode).toBe(1);
    expect(after.stdout).toContain('not running');
    const stopAgain = await runCli(['server', 'stop', '--data-dir', dataDir]);
    expect(stopAgain.exitCode).toBe(0);
    expect(stopAgain.stderr).toContain('no dev server is running');
  });

  it('definitions survive a stop and start; the default data directory is .conductor/ in the working directory', async () => {
    const first = await runCli(['server', 'start', '--port', '0'], { cwd: workDir });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(existsSync(join(workDir, '.conductor', 'server.json'))).toBe(true);
    const api = first.stdout.trim();
    await fetch(`${api}/metadata/workflow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'kept', tasks: [{ name: 'a', taskReferenceName: 'a' }] }) });
    expect((await runCli(['server', 'stop'], { cwd: workDir })).exitCode).toBe(0);
    const second = await runCli(['server', 'start', '--port', '0'], { cwd: workDir });
    const res = await fetch(`${second.stdout.trim()}/metadata/workflow/kept`);
    expect(res.status).toBe(200);
    expect((await runCli(['server', 'stop'], { cwd: workDir })).exitCode).toBe(0);
  });

  it('bad flags and a data directory without a server: usage errors (exit 4) and clear failures, no stack trace', async () => {
    const empty = join(workDir, 'never-started');
    const logs = await runCli(['server', 'logs', '--data-dir', empty]);
    expect([logs.exitCode, logs.stdout]).toEqual([1, '']);
    expect(logs.stderr).toContain(`no log at ${join(empty, 'server.log')}`);
    const timeout = await runCli(['server', 'stop', '--timeout', 'soon', '--data-dir', empty]);
    expect([timeout.exitCode, timeout.stderr]).toEqual([4, 'error: --timeout must be a number of seconds, got soon\n']);
    const port = await runCli(['server', 'start', '--port', '70000', '--data-dir', empty]);
    expect([port.exitCode, port.stderr]).toEqual([4, 'error: --port must be 0-65535, got 70000\n']);
    const lines = await runCli(['server', 'logs', '-n', 'all', '--data-dir', empty]);
    expect([lines.exitCode, lines.stderr]).toEqual([4, 'error: --lines must be a whole number, got all\n']);
    expect(existsSync(empty)).toBe(false);
  });

  it('--foreground serves until SIGTERM and then exits 0 after a graceful close', async () => {
    const dir = join(workDir, 'fg');
    const child = spawn(process.execPath, [cliPath, 'server', 'start', '--foreground', '--port', '0', '--data-dir', dir], { env: minimalEnv() });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const url = await new Promise<string>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
        if (stdout.includes('\n')) resolve(stdout.trim());
      });
    });
    expect((await fetch(`${url}/metadata/taskdefs`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('dev server stopped');
    expect(existsSync(join(dir, 'server.json'))).toBe(false);
  });

  it('--auth without a key is a usage error (exit 4); with one, /api/token works and the secret never reaches argv', async () => {
    const dir = join(workDir, 'auth');
    const missing = await runCli(['server', 'start', '--auth', '--port', '0', '--data-dir', dir]);
    expect(missing.exitCode).toBe(4);
    expect(missing.stderr).toContain('--auth needs a key id and secret');
    const env = { CONDUCTOR_SERVER_AUTH_KEY: 'kid', CONDUCTOR_SERVER_AUTH_SECRET: 'ksecret' };
    const start = await runCli(['server', 'start', '--auth', '--port', '0', '--data-dir', dir], { env });
    expect(start.exitCode, start.stderr).toBe(0);
    const api = start.stdout.trim();
    try {
      expect((await fetch(`${api}/metadata/taskdefs`)).status).toBe(401);
      const token = await fetch(`${api}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keyId: 'kid', keySecret: 'ksecret' }) });
      expect(token.status).toBe(200);
      const pid = (JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8')) as { pid: number }).pid;
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain('ksecret');
    } finally {
      await runCli(['server', 'stop', '--data-dir', dir]);
    }
  });
});
