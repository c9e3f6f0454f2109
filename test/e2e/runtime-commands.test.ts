/**
 * The runtime commands and flags outside the password-reset story (issue 6): definition
 * CRUD, search flags, operations, task poll, worker failure modes, completion and errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { runCli } from '../helpers/run-cli.js';
import { api, cliAgainst, getExecution, nodeWorker, startWorker, waitForStatus, waitForTask } from './runtime-support.js';

let server: TestServer;
let dir: string;
let cli: ReturnType<typeof cliAgainst>;
const flow = (name: string, version = 1) => ({
  name,
  version,
  ownerEmail: 'qa@example.com',
  schemaVersion: 2,
  tasks: [
    { name: 'rt_a', taskReferenceName: 'a_ref', type: 'SIMPLE' },
    { name: 'rt_b', taskReferenceName: 'b_ref', type: 'SIMPLE' },
  ],
  outputParameters: { b: '${b_ref.output.value}' },
});
const startFlow = async (name = 'rt_flow') => (await cli(['workflow', 'start', '-w', name])).stdout.trim();

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'runtime-cmds-'));
  cli = cliAgainst(server.url);
  writeFileSync(join(dir, 'tasks.json'), JSON.stringify([{ name: 'rt_a', ownerEmail: 'qa@example.com', retryCount: 0 }, { name: 'rt_b', ownerEmail: 'qa@example.com', retryCount: 0 }]));
  writeFileSync(join(dir, 'flow.yaml'), `name: rt_flow\nversion: 1\nownerEmail: qa@example.com\nschemaVersion: 2\ntasks:\n  - {name: rt_a, taskReferenceName: a_ref, type: SIMPLE}\n  - {name: rt_b, taskReferenceName: b_ref, type: SIMPLE}\noutputParameters:\n  b: \${b_ref.output.value}\n`);
  expect((await cli(['task', 'create', join(dir, 'tasks.json')])).exitCode).toBe(0);
  expect((await cli(['workflow', 'create', join(dir, 'flow.yaml')])).exitCode).toBe(0);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('definitions', () => {
  it('task get / get_all / list --json / delete, with 404s that name what is missing', async () => {
    expect(JSON.parse((await cli(['task', 'get', 'rt_a'])).stdout)).toMatchObject({ name: 'rt_a', retryCount: 0 });
    expect((JSON.parse((await cli(['task', 'get_all', '^rt_'])).stdout) as { name: string }[]).map((d) => d.name)).toEqual(['rt_a', 'rt_b']);
    expect((JSON.parse((await cli(['task', 'list', '--json'])).stdout) as { name: string }[]).map((d) => d.name)).toContain('rt_b');
    writeFileSync(join(dir, 'tmp-task.json'), JSON.stringify({ name: 'rt_tmp', ownerEmail: 'qa@example.com' }));
    expect((await cli(['task', 'create', join(dir, 'tmp-task.json')])).exitCode).toBe(0);
    expect((await cli(['task', 'delete', 'rt_tmp'])).exitCode).toBe(0);
    const missing = await cli(['task', 'get', 'rt_tmp']);
    expect(missing).toMatchObject({ stdout: '', exitCode: 1 });
    expect(missing.stderr).toBe('error: task definition rt_tmp not found\n');
    expect((await cli(['task', 'delete', 'rt_tmp'])).stderr).toMatch(/^error: task definition rt_tmp not found/);
    const update = await cli(['task', 'update', join(dir, 'tmp-task.json')]);
    expect(update.exitCode).toBe(1);
    expect(update.stderr).toMatch(/task definition rt_tmp not found/);
  });

  it('workflow create refuses an existing version, --force overwrites; get [version], get_all, list --csv, delete', async () => {
    const again = await cli(['workflow', 'create', join(dir, 'flow.yaml')]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/already exists\nhint: pass --force/);
    writeFileSync(join(dir, 'flow-v1b.json'), JSON.stringify({ ...flow('rt_flow'), description: 'forced' }));
    expect((await cli(['workflow', 'create', '--force', join(dir, 'flow-v1b.json')])).exitCode).toBe(0);
    expect(JSON.parse((await cli(['workflow', 'get', 'rt_flow', '1'])).stdout)).toMatchObject({ description: 'forced' });
    writeFileSync(join(dir, 'flow-v2.json'), JSON.stringify(flow('rt_flow', 2)));
    expect((await cli(['workflow', 'update', join(dir, 'flow-v2.json')])).exitCode).toBe(0);
    expect(JSON.parse((await cli(['workflow', 'get', 'rt_flow'])).stdout)).toMatchObject({ version: 2 });
    expect((await cli(['workflow', 'list', '--csv'])).stdout).toBe('NAME,VERSION,DESCRIPTION\nrt_flow,1,forced\nrt_flow,2,\n');
    expect((JSON.parse((await cli(['workflow', 'get-all', 'rt_'])).stdout) as unknown[]).length).toBe(2);
    expect((await cli(['workflow', 'delete', 'rt_flow', '2'])).exitCode).toBe(0);
    const gone = await cli(['workflow', 'get', 'rt_flow', '2']);
    expect(gone).toMatchObject({ exitCode: 1, stderr: 'error: workflow definition rt_flow version 2 not found\n' });
  });
});

describe('executions', () => {
  it('start: -f input file, --json, a missing workflow names it; get-execution with and without -c', async () => {
    writeFileSync(join(dir, 'input.json'), '{"x":1}');
    const started = await cli(['workflow', 'start', '-w', 'rt_flow', '-f', join(dir, 'input.json'), '--json']);
    const { workflowId } = JSON.parse(started.stdout) as { workflowId: string };
    const brief = JSON.parse((await cli(['workflow', 'get-execution', workflowId])).stdout) as Record<string, unknown>;
    expect(brief).toMatchObject({ workflowId, input: { x: 1 }, tasks: [] });
    expect(brief['workflowDefinition']).toBeUndefined();
    const full = JSON.parse((await cli(['workflow', 'get-execution', workflowId, '-c'])).stdout) as { tasks: unknown[]; workflowDefinition: unknown };
    expect(full.tasks.length).toBe(1);
    expect(full.workflowDefinition).toBeDefined();
    const missing = await cli(['workflow', 'start', '-w', 'no_such_flow']);
    expect(missing).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^error: workflow definition no_such_flow not found/) });
    expect((await cli(['workflow', 'start', '-w', 'rt_flow', '-i', '[1]'])).exitCode).toBe(4);
  });

  it('search: count bounds, time flags, and a table that fits the width', async () => {
    expect((await cli(['workflow', 'search', '-c', '1001'])).exitCode).toBe(4);
    expect((await cli(['workflow', 'search', '--start-time-after', 'yesterday'])).stderr).toMatch(/--start-time-after "yesterday" is not a time/);
    expect((await cli(['workflow', 'search', '-s', 'DONE'])).exitCode).toBe(4);
    const future = await cli(['workflow', 'search', '--start-time-after', '2999-01-01', '--json']);
    expect(JSON.parse(future.stdout)).toEqual([]);
    const past = JSON.parse((await cli(['workflow', 'search', '--start-time-before', String(Date.now() + 60_000), '-w', 'rt_flow', '-c', '1', '--json'])).stdout) as unknown[];
    expect(past).toHaveLength(1);
    const table = await cli(['workflow', 'search', '-w', 'rt_flow'], { env: { COLUMNS: '60' } });
    expect(table.stdout.split('\n')[0]).toMatch(/^WORKFLOW ID/);
  });

  it('terminate, rerun with new input, delete-execution', async () => {
    const id = await startFlow();
    expect((await cli(['workflow', 'terminate', id, '--reason', 'qa'])).stdout).toBe(`${id}  terminated\n`);
    expect((await getExecution(server.url, id)).status).toBe('TERMINATED');
    const rerun = await cli(['workflow', 'rerun', id, '--workflow-input', '{"again":true}']);
    expect(rerun).toMatchObject({ stdout: `${id}\n`, exitCode: 0 });
    const running = await getExecution(server.url, id);
    expect(running.status).toBe('RUNNING');
    await cli(['workflow', 'terminate', id]);
    expect((await cli(['workflow', 'delete-execution', id])).exitCode).toBe(0);
    const gone = await cli(['workflow', 'status', id]);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toMatch(new RegExp(`^error: workflow execution ${id} not found\n`));
    expect((await cli(['workflow', 'delete-execution', id])).stderr).toMatch(/not found/);
  });

  it('jump and update-state', async () => {
    const id = await startFlow();
    const jump = await cli(['workflow', 'jump', id, 'b_ref', '--task-input', '{"k":1}']);
    expect(jump.exitCode, jump.stderr).toBe(0);
    await waitForTask(server.url, id, 'b_ref', 'SCHEDULED');
    const state = await cli(['workflow', 'update-state', id, '--variables', '{"v":7}', '--task-updates', '{"taskReferenceName":"b_ref","status":"COMPLETED","outputData":{"value":"done"}}', '--wait-for-seconds', '2']);
    expect(state.exitCode, state.stderr).toBe(0);
    expect(JSON.parse(state.stdout)).toMatchObject({ variables: { v: 7 } });
    const done = await waitForStatus(server.url, id, 'COMPLETED');
    expect(done.output).toEqual({ b: 'done' });
  });

  it('task poll, and update-execution of a task that is not pending', async () => {
    const id = await startFlow();
    const polled = await cli(['task', 'poll', 'rt_a', '--count', '5', '--worker-id', 'qa-1', '--timeout', '200']);
    const tasks = JSON.parse(polled.stdout) as { workflowInstanceId: string; workerId: string; status: string }[];
    expect(tasks.some((t) => t.workflowInstanceId === id && t.workerId === 'qa-1' && t.status === 'IN_PROGRESS')).toBe(true);
    const empty = await cli(['task', 'poll', 'rt_nothing']);
    expect(empty).toMatchObject({ stdout: '[]\n', exitCode: 0 });
    const notPending = await cli(['task', 'update-execution', '--workflow-id', id, '--task-ref-name', 'b_ref', '--status', 'COMPLETED']);
    expect(notPending).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/has no pending task b_ref/) });
    expect((await cli(['task', 'update-execution', '--workflow-id', id, '--task-ref-name', 'a_ref', '--status', 'DONE'])).exitCode).toBe(4);
  });
});

describe('worker stdio failure modes', () => {
  it('invalid JSON and an exec timeout fail the task with the reason; env vars follow the protocol', async () => {
    const id = await startFlow();
    const badJson = startWorker(server.url, 'rt_a', nodeWorker(`console.log('not json'); console.error(process.env.TASK_TYPE+' '+process.env.EXECUTION_ID+' '+process.env.WORKFLOW_ID)`));
    const failed = await waitForStatus(server.url, id, 'FAILED');
    await badJson.stop();
    const a = failed.tasks.find((t) => t.referenceTaskName === 'a_ref')!;
    expect(a.reasonForIncompletion).toMatch(/^invalid worker stdout JSON/);
    const id2 = await startFlow();
    const slow = startWorker(server.url, 'rt_a', nodeWorker(`setTimeout(()=>{},10000)`), ['--exec-timeout', '1', '-v']);
    const failed2 = await waitForStatus(server.url, id2, 'FAILED');
    await slow.stop();
    expect(failed2.tasks.find((t) => t.referenceTaskName === 'a_ref')!.reasonForIncompletion).toBe('worker execution failed: timed out after 1 s');
    expect(slow.stderr()).toMatch(/started \(workflow /);
    const logs = (await api(server.url, `/tasks/${a.taskId}/log`)) as { log: string }[];
    expect(logs.map((l) => l.log)).toContain(`stderr: rt_a ${id} ${id}`);
  });
});

describe('errors and completion', () => {
  it('an unreachable server: the message with the hint, exit 1, no stack trace', async () => {
    const result = await runCli(['workflow', 'status', 'x', '--server', 'http://127.0.0.1:9']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: cannot reach http:\/\/127\.0\.0\.1:9: connection refused — is it running\? \(`conductor server start`\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['bash', 'zsh', 'fish'])('completion %s lists the runtime commands', async (shell) => {
    const result = await runCli(['completion', shell]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('skip-task');
    expect(result.stdout).toContain('update-execution');
  });
});
