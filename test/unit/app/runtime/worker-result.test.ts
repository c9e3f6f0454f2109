import { describe, expect, it } from 'vitest';
import { buildTaskResult, parseWorkerReply, type CommandOutcome } from '../../../../src/app/runtime/worker-result.js';

const task = { taskId: 't1', workflowInstanceId: 'w1', taskType: 'send_reset_email' };
const ok = (stdout: string, extra: Partial<CommandOutcome> = {}): CommandOutcome => ({ exitCode: 0, signal: null, timedOut: false, stdout, stderr: '', ...extra });

describe('parseWorkerReply', () => {
  it('reads status, output, logs and reason', () => {
    expect(parseWorkerReply('{"status":"completed","output":{"a":1},"logs":["x"],"reason":"r"}')).toEqual({ status: 'COMPLETED', output: { a: 1 }, logs: ['x'], reason: 'r' });
  });
  it('takes the last line when the command printed other lines before the JSON', () => {
    expect(parseWorkerReply('working…\n{"status":"FAILED"}\n')).toMatchObject({ status: 'FAILED', output: {} });
  });
  it('reports invalid JSON, a non-object and an unknown status', () => {
    expect(parseWorkerReply('not json')).toEqual({ error: expect.stringMatching(/^invalid worker stdout JSON/) });
    expect(parseWorkerReply('[1]')).toEqual({ error: expect.stringMatching(/^invalid worker stdout JSON/) });
    expect(parseWorkerReply('')).toEqual({ error: expect.stringMatching(/empty output/) });
    expect(parseWorkerReply('{"status":"DONE"}')).toEqual({ error: 'invalid status from worker: DONE' });
  });
});

describe('buildTaskResult', () => {
  it('posts the reply of a successful command', () => {
    const result = buildTaskResult(task, ok('{"status":"COMPLETED","output":{"messageId":"m"},"logs":["sent"]}'), { now: 5, workerId: 'w' });
    expect(result).toEqual({ taskId: 't1', workflowInstanceId: 'w1', workerId: 'w', status: 'COMPLETED', outputData: { messageId: 'm' }, logs: [{ log: 'sent', createdTime: 5 }] });
  });
  it('fails the task on a non-zero exit, with stderr in the logs', () => {
    const result = buildTaskResult(task, ok('{"status":"COMPLETED"}', { exitCode: 3, stderr: 'smtp down\n' }), { now: 5 });
    expect(result.status).toBe('FAILED');
    expect(result.reasonForIncompletion).toBe('worker execution failed: exit status 3');
    expect(result.logs?.map((l) => l.log)).toEqual(['worker execution failed: exit status 3', 'stderr: smtp down']);
  });
  it('fails the task on a timeout and on a command that cannot start', () => {
    expect(buildTaskResult(task, ok('', { timedOut: true, exitCode: null, timeoutSeconds: 2 }), { now: 0 }).reasonForIncompletion).toBe('worker execution failed: timed out after 2 s');
    expect(buildTaskResult(task, ok('', { spawnError: 'spawn nope ENOENT' }), { now: 0 }).reasonForIncompletion).toBe('worker execution failed: spawn nope ENOENT');
  });
  it('fails the task on invalid stdout', () => {
    const result = buildTaskResult(task, ok('oops'), { now: 0 });
    expect(result).toMatchObject({ status: 'FAILED', reasonForIncompletion: expect.stringMatching(/^invalid worker stdout JSON/) });
  });
});
