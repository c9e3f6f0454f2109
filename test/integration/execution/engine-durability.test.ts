/**
 * Issue 5 item 7 (dev server only): SIGKILL while workers complete tasks. The server runs as
 * the built CLI in a child process (`node bin/conductor.js server start --foreground`); it is
 * killed with kill -9 mid-run and restarted on the same data directory. Every update the
 * server acknowledged must be kept, no task may be lost, and every workflow must complete
 * (a task whose poll committed but whose answer was lost is retried after its response
 * timeout). The build runs first (incremental), so the child runs the current sources.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const skip = Boolean(process.env['CONDUCTOR_TEST_URL']);
const WORKFLOWS = 60;

let dataDir: string;
let child: ChildProcess | undefined;
let base = '';

function spawnServer(): ChildProcess {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/conductor.js'), 'server', 'start', '--foreground', '--port', '0', '--data-dir', dataDir], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return proc;
}

async function waitForServer(pid: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const file = join(dataDir, 'server.json');
    if (existsSync(file)) {
      try {
        const content = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; url: string };
        if (content.pid === pid && (await fetch(`${content.url}/health`)).ok) return `${content.url}/api`;
      } catch {
        // not ready yet
      }
    }
    if (Date.now() > deadline) throw new Error('dev server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, text: await res.text() };
}

/** Newest modification time under `dir` (ms). */
function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

beforeAll(() => {
  if (skip) return;
  // `npm test` builds first; build here only when the sources are newer than dist/.
  const buildInfo = join(ROOT, 'dist/.tsbuildinfo');
  if (!existsSync(buildInfo) || newest(join(ROOT, 'src')) > statSync(buildInfo).mtimeMs) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'ignore' });
  }
  dataDir = mkdtempSync(join(tmpdir(), 'conductor-durability-'));
}, 180_000);

afterAll(() => {
  child?.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it.skipIf(skip)('durability: kill -9 while workers complete tasks; restart keeps every acknowledged update and every workflow completes', async () => {
  child = spawnServer();
  base = await waitForServer(child.pid!);
  const types = ['dur_a', 'dur_b', 'dur_c'];
  expect((await call('POST', '/metadata/taskdefs', types.map((name) => ({ name, retryCount: 3, retryDelaySeconds: 0, responseTimeoutSeconds: 2, ownerEmail: 't@example.com' })))).status).toBe(200);
  const def = { name: 'durable_wf', version: 1, schemaVersion: 2, ownerEmail: 't@example.com', tasks: types.map((t, i) => ({ name: t, taskReferenceName: `s${i}`, type: 'SIMPLE', inputParameters: { prev: i === 0 ? '${workflow.input.n}' : `\${s${i - 1}.output.token}` } })) };
  expect((await call('PUT', '/metadata/workflow', [def])).status).toBe(200);
  const ids: string[] = [];
  for (let n = 0; n < WORKFLOWS; n++) ids.push((await call('POST', '/workflow/durable_wf', { n })).text);

  const acked = new Map<string, string>();
  let stop = false;
  let down = false;
  const worker = async (type: string): Promise<void> => {
    while (!stop) {
      try {
        const reply = await call('GET', `/tasks/poll/batch/${type}?count=5&timeout=200&workerid=w-${type}`);
        if (reply.status !== 200) continue;
        for (const task of JSON.parse(reply.text) as Array<{ taskId: string; workflowInstanceId: string }>) {
          const token = `${task.taskId}-done`;
          for (;;) {
            try {
              const update = await call('POST', '/tasks', { workflowInstanceId: task.workflowInstanceId, taskId: task.taskId, status: 'COMPLETED', outputData: { token } });
              if (update.status === 200) acked.set(task.taskId, token);
              break;
            } catch {
              if (stop) return;
              await new Promise((r) => setTimeout(r, 50)); // server down: retry the same update
            }
          }
        }
      } catch {
        await new Promise((r) => setTimeout(r, down ? 50 : 10));
      }
    }
  };
  const workers = types.flatMap((t) => [worker(t), worker(t)]);

  while (acked.size < WORKFLOWS) await new Promise((r) => setTimeout(r, 5));
  down = true;
  child.kill('SIGKILL');
  const ackedBeforeKill = new Map(acked);
  await new Promise((r) => child!.once('exit', r));
  child = spawnServer();
  base = await waitForServer(child.pid!);
  down = false;

  const deadline = Date.now() + 45_000;
  let statuses: string[] = [];
  for (;;) {
    statuses = await Promise.all(ids.map(async (id) => (JSON.parse((await call('GET', `/workflow/${id}?includeTasks=false`)).text) as { status: string }).status));
    if (statuses.every((s) => s === 'COMPLETED') || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  stop = true;
  await Promise.all(workers);
  expect(statuses.filter((s) => s !== 'COMPLETED')).toEqual([]);

  for (const id of ids) {
    const wf = JSON.parse((await call('GET', `/workflow/${id}`)).text) as { tasks: Array<{ taskId: string; status: string; outputData: { token?: string }; referenceTaskName: string; inputData: { prev?: unknown } }> };
    const completed = wf.tasks.filter((t) => t.status === 'COMPLETED');
    expect(completed.map((t) => t.referenceTaskName)).toEqual(['s0', 's1', 's2']);
    // Each step received the previous step's recorded token, across the crash.
    expect(completed[1]!.inputData.prev).toBe(completed[0]!.outputData.token);
    expect(completed[2]!.inputData.prev).toBe(completed[1]!.outputData.token);
  }
  const allTasks = new Map<string, { status: string; token?: string }>();
  for (const id of ids) {
    const wf = JSON.parse((await call('GET', `/workflow/${id}`)).text) as { tasks: Array<{ taskId: string; status: string; outputData: { token?: string } }> };
    for (const t of wf.tasks) allTasks.set(t.taskId, { status: t.status, ...(t.outputData.token ? { token: t.outputData.token } : {}) });
  }
  for (const [taskId, token] of acked) expect(allTasks.get(taskId)).toEqual({ status: 'COMPLETED', token });
  expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(WORKFLOWS);
  expect(ackedBeforeKill.size).toBeLessThan(3 * WORKFLOWS); // the kill really came mid-run

  // Timers live in the store: a response timeout armed before kill -9 fires after restart.
  await call('POST', '/metadata/taskdefs', [{ name: 'dur_timer', retryCount: 1, retryDelaySeconds: 0, responseTimeoutSeconds: 1, ownerEmail: 't@example.com' }]);
  await call('PUT', '/metadata/workflow', [{ name: 'durable_timer', version: 1, schemaVersion: 2, ownerEmail: 't@example.com', tasks: [{ name: 'dur_timer', taskReferenceName: 'x', type: 'SIMPLE' }] }]);
  const timerId = (await call('POST', '/workflow/durable_timer', {})).text;
  expect(JSON.parse((await call('GET', '/tasks/poll/batch/dur_timer?count=1')).text)).toHaveLength(1);
  child.kill('SIGKILL');
  await new Promise((r) => child!.once('exit', r));
  child = spawnServer();
  base = await waitForServer(child.pid!);
  const timerDeadline = Date.now() + 10_000;
  let timerTasks: Array<{ status: string }> = [];
  while (Date.now() < timerDeadline) {
    timerTasks = (JSON.parse((await call('GET', `/workflow/${timerId}`)).text) as { tasks: Array<{ status: string }> }).tasks;
    if (timerTasks.length === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(timerTasks.map((t) => t.status)).toEqual(['TIMED_OUT', 'SCHEDULED']);
  child.kill('SIGTERM');
  await new Promise((r) => child!.once('exit', r));
  child = undefined;
}, 120_000);
