/**
 * The seed's password-reset story (issue 6), end to end: the built CLI against a dev server,
 * with `worker stdio` workers written as small node scripts. The e-mail worker's behaviour
 * is switched through a file, so "the SMTP relay is down" and "it is fixed" are real runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { api, cliAgainst, getExecution, nodeWorker, startWorker, waitFor, waitForStatus, waitForTask, type Execution, type WorkerProcess } from './runtime-support.js';

let server: TestServer;
let dir: string;
let cli: ReturnType<typeof cliAgainst>;
const workers: WorkerProcess[] = [];
let emailWorker: WorkerProcess | undefined;
const modeFile = () => join(dir, 'email-mode');

const EMAIL = nodeWorker(
  `const mode=require('fs').readFileSync(process.env.MODE_FILE,'utf8').trim();` +
    `if(mode==='fail'){console.error('smtp relay down');process.exit(1)}` +
    `setTimeout(()=>console.log(JSON.stringify({status:'COMPLETED',output:{messageId:'msg-'+t.taskId.slice(0,8),resetUrl:t.inputData.resetUrl},logs:['sent to '+t.inputData.email]})),mode==='slow'?1500:0)`,
);

const TOKEN = nodeWorker(`console.log(JSON.stringify({status:'COMPLETED',output:{token:require('crypto').randomUUID(),expiresAt:Date.now()+1800000}}))`);

function startEmailWorker(): WorkerProcess {
  emailWorker = startWorker(server.url, 'send_reset_email', EMAIL, ['--count', '8'], { MODE_FILE: modeFile() });
  return emailWorker;
}

const start = async (args: string[]): Promise<string> => {
  const result = await cli(['workflow', 'start', '-w', 'password_reset', ...args]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  expect(result.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
  return result.stdout.trim();
};
const input = (user: string) => JSON.stringify({ userId: user, email: `${user}@example.com` });
const refs = (e: Execution, ref: string) => e.tasks.filter((t) => t.referenceTaskName === ref);

beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'runtime-story-'));
  cli = cliAgainst(server.url);
  writeFileSync(modeFile(), 'ok');
  // The seed's e-mail task retries 5 times, 10 s apart; the variant keeps the story fast.
  writeFileSync(join(dir, 'email-fast.json'), JSON.stringify({ name: 'send_reset_email', ownerEmail: 'identity-team@example.com', retryCount: 2, retryLogic: 'FIXED', retryDelaySeconds: 1, timeoutSeconds: 120, responseTimeoutSeconds: 60 }));
  for (const args of [
    ['task', 'create', 'definitions/tasks/password-reset.yaml'],
    ['task', 'update', join(dir, 'email-fast.json')],
    ['workflow', 'create', 'definitions/workflows/password_reset.yaml'],
  ]) {
    const result = await cli(args);
    expect(result.exitCode, result.stderr).toBe(0);
  }
  workers.push(startWorker(server.url, 'invalidate_old_tokens', nodeWorker(`console.log(JSON.stringify({status:'COMPLETED',output:{revoked:2}}))`)));
  workers.push(startWorker(server.url, 'generate_reset_token', TOKEN, ['--count', '8']));
  startEmailWorker();
});

afterAll(async () => {
  await Promise.all([...workers, ...(emailWorker ? [emailWorker] : [])].map((w) => w.stop()));
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('password reset with worker stdio', () => {
  let completedId = '';
  let failedId = '';
  let token = '';

  it('start → COMPLETED, the token flowing from step 2 into the e-mail', async () => {
    completedId = await start(['-i', input('u1'), '--correlation', 'user-1']);
    const done = await waitForStatus(server.url, completedId, 'COMPLETED');
    const issued = refs(done, 'token_ref')[0]!.outputData['token'];
    expect(done.output['resetUrl']).toBe(`https://accounts.example.com/reset?token=${String(issued)}`);
    expect(String(done.output['emailMessageId'])).toMatch(/^msg-/);
    const status = await cli(['workflow', 'status', completedId]);
    expect(status).toMatchObject({ stdout: 'COMPLETED\n', stderr: '', exitCode: 0 });
  });

  it('a failing e-mail step is retried per its task def, then the execution FAILS', async () => {
    writeFileSync(modeFile(), 'fail');
    failedId = await start(['-i', input('u2'), '--correlation', 'user-2']);
    const failed = await waitForStatus(server.url, failedId, 'FAILED');
    const attempts = refs(failed, 'email_ref');
    expect(attempts.map((t) => t.status)).toEqual(['FAILED', 'FAILED', 'FAILED']); // 1 + retryCount 2
    expect(attempts[0]!.reasonForIncompletion).toBe('worker execution failed: exit status 1');
    const logs = (await api(server.url, `/tasks/${attempts[0]!.taskId}/log`)) as { log: string }[];
    expect(logs.map((l) => l.log)).toContain('stderr: smtp relay down');
    token = String(refs(failed, 'token_ref')[0]!.outputData['token']);
    expect((await cli(['workflow', 'status', failedId])).stdout).toBe('FAILED\n');
  });

  it('fix the worker → workflow retry → COMPLETED with the same token; steps 1 and 2 not re-run', async () => {
    writeFileSync(modeFile(), 'ok');
    const result = await cli(['workflow', 'retry', failedId]);
    expect(result).toMatchObject({ stdout: `${failedId}  retried\n`, exitCode: 0 });
    const done = await waitForStatus(server.url, failedId, 'COMPLETED');
    expect(refs(done, 'invalidate_ref')).toHaveLength(1);
    expect(refs(done, 'token_ref')).toHaveLength(1);
    expect(done.output['resetUrl']).toBe(`https://accounts.example.com/reset?token=${token}`);
  });

  it('retrying a COMPLETED execution fails and exits 1 (the official CLI exits 0)', async () => {
    const result = await cli(['workflow', 'retry', completedId]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^${completedId}  FAILED: `));
  });

  it('search by correlation id and by status', async () => {
    const byCorrelation = await cli(['workflow', 'search', '--correlation', 'user-2', '--json']);
    expect(byCorrelation.exitCode).toBe(0);
    const found = JSON.parse(byCorrelation.stdout) as { workflowId: string; status: string }[];
    expect(found.map((e) => [e.workflowId, e.status])).toEqual([[failedId, 'COMPLETED']]);
    const byStatus = JSON.parse((await cli(['workflow', 'search', '-w', 'password_reset', '-s', 'COMPLETED', '--json'])).stdout) as { workflowId: string }[];
    expect(byStatus.map((e) => e.workflowId).sort()).toEqual([completedId, failedId].sort());
    const table = await cli(['workflow', 'search', '-s', 'COMPLETED', '--correlation', 'user-1']);
    expect(table.stdout.split('\n')[0]).toMatch(/^WORKFLOW ID\s+NAME\s+VER\s+STATUS/);
    expect(table.stdout).toContain(completedId);
  });

  it('--sync waits and prints the output', async () => {
    const result = await cli(['workflow', 'start', '-w', 'password_reset', '-i', input('u3'), '--sync', '--timeout', '20']);
    expect(result.exitCode, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(String(output['resetUrl'])).toMatch(/^https:\/\/accounts\.example\.com\/reset\?token=[0-9a-f-]{36}$/);
  });

  it('skip-task with an output: later steps see it; task update-execution unsticks a step with no worker', async () => {
    const tokenWorker = workers[1]!;
    expect(await tokenWorker.stop()).toBe(0);
    const id = await start(['-i', input('u4')]);
    await waitForTask(server.url, id, 'token_ref', 'SCHEDULED');
    // Conductor skips a task that is not scheduled yet: the e-mail step, while step 2 waits.
    const skip = await cli(['workflow', 'skip-task', id, 'email_ref', '--task-output', '{"messageId":"skipped-by-operator"}']);
    expect(skip.exitCode, skip.stderr).toBe(0);
    const update = await cli(['task', 'update-execution', '--workflow-id', id, '--task-ref-name', 'token_ref', '--status', 'COMPLETED', '--output', '{"token":"by-hand"}']);
    expect(update.exitCode, update.stderr).toBe(0);
    const done = await waitForStatus(server.url, id, 'COMPLETED');
    expect(update.stdout).toBe(`${refs(done, 'token_ref')[0]!.taskId}\n`);
    expect(refs(done, 'email_ref')[0]!.status).toBe('SKIPPED');
    expect(done.output).toEqual({ resetUrl: 'https://accounts.example.com/reset?token=by-hand', emailMessageId: 'skipped-by-operator' });
    workers[1] = startWorker(server.url, 'generate_reset_token', TOKEN, ['--count', '8']);
  });

  it('a stopped worker lets its running task finish and exits 0', async () => {
    writeFileSync(modeFile(), 'slow');
    const id = await start(['-i', input('u8')]);
    await waitForTask(server.url, id, 'email_ref', 'IN_PROGRESS');
    expect(await emailWorker!.stop()).toBe(0);
    expect(emailWorker!.stderr()).toMatch(/SIGTERM: no new tasks[\s\S]*COMPLETED in \d+ ms[\s\S]*stopped: \d+ tasks run/);
    await waitForStatus(server.url, id, 'COMPLETED');
    writeFileSync(modeFile(), 'ok');
  });

  it('pause and resume; task update-execution unsticks the waiting task', async () => {
    const id = await start(['-i', input('u5')]);
    await waitForTask(server.url, id, 'email_ref', 'SCHEDULED');
    expect((await cli(['workflow', 'pause', id])).stdout).toBe(`${id}  paused\n`);
    expect((await cli(['workflow', 'status', id])).stdout).toBe('PAUSED\n');
    expect((await cli(['workflow', 'resume', id])).stdout).toBe(`${id}  resumed\n`);
    expect((await cli(['workflow', 'status', id])).stdout).toBe('RUNNING\n');
    const update = await cli(['task', 'update-execution', '--workflow-id', id, '--task-ref-name', 'email_ref', '--status', 'COMPLETED', '--output', '{"messageId":"by-hand"}']);
    expect(update.exitCode, update.stderr).toBe(0);
    const done = await waitForStatus(server.url, id, 'COMPLETED');
    expect(update.stdout).toBe(`${refs(done, 'email_ref')[0]!.taskId}\n`);
    expect(done.output['emailMessageId']).toBe('by-hand');
  });

  it('restart, and --use-latest after registering version 2; start pinned to --version 1', async () => {
    startEmailWorker();
    const v2 = JSON.parse((await cli(['workflow', 'get', 'password_reset', '1'])).stdout) as Record<string, unknown>;
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...v2, version: 2, outputParameters: { ...(v2['outputParameters'] as object), definitionVersion: 2 } }));
    expect((await cli(['workflow', 'create', join(dir, 'v2.json')])).exitCode).toBe(0);

    expect((await cli(['workflow', 'restart', completedId])).stdout).toBe(`${completedId}  restarted\n`);
    const again = await waitForStatus(server.url, completedId, 'COMPLETED');
    expect(again.workflowVersion).toBe(1);
    expect(again.output['definitionVersion']).toBeUndefined();

    expect((await cli(['workflow', 'restart', completedId, '--use-latest'])).exitCode).toBe(0);
    const latest = await waitForStatus(server.url, completedId, 'COMPLETED');
    expect(latest.workflowVersion).toBe(2);
    expect(latest.output['definitionVersion']).toBe(2);

    const pinned = await start(['-i', input('u6'), '--version', '1']);
    expect((await getExecution(server.url, pinned)).workflowVersion).toBe(1);
    const unpinned = await start(['-i', input('u7')]);
    expect((await getExecution(server.url, unpinned)).workflowVersion).toBe(2);
  });

  it('a bulk retry of 30 failed runs', async () => {
    writeFileSync(modeFile(), 'fail');
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api(server.url, `/workflow/password_reset?correlationId=bulk-30`, { method: 'POST', body: input(`b${i}`) }) as Promise<string>),
    );
    await waitFor(async () => Promise.all(ids.map((id) => getExecution(server.url, id))), (all) => all.every((e) => e.status === 'FAILED'), '30 runs to fail', 40_000);
    writeFileSync(modeFile(), 'ok');
    const result = await cli(['workflow', 'retry', '--from-search', '--correlation', 'bulk-30', '-s', 'FAILED']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain('30 executions found');
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, 30).map((l) => l.split('  ')[0]).sort()).toEqual([...ids].sort());
    expect(lines[30]).toBe('30 of 30 retried');
    await waitFor(async () => Promise.all(ids.map((id) => getExecution(server.url, id))), (all) => all.every((e) => e.status === 'COMPLETED'), '30 runs to complete', 40_000);
  }, 90_000);
});
