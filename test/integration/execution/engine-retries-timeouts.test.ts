/**
 * Issue 5 item 3 (retries, timeouts, optional tasks, limits) and item 6 (the sweeper clock)
 * over HTTP. Delays are a few seconds at most; the sweeper runs about every second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, openApi, simple, unique, type Json } from './harness.js';

let api: Api;
beforeAll(async () => {
  api = await openApi();
});
afterAll(async () => {
  await api.server.close();
});

async function oneTaskWorkflow(def: Json, task: Json = {}, wfExtra: Json = {}): Promise<{ type: string; name: string }> {
  const type = unique('rt_task');
  const name = unique('rt_wf');
  await api.registerTaskDefs({ name: type, ...def });
  await api.registerWorkflow({ name, tasks: [simple(type, 't1', task), simple(type, 't2')], ...wfExtra });
  return { type, name };
}

const refsAndStatus = (wf: Json) => wf['tasks'].map((t: Json) => [t['referenceTaskName'], t['status']]);

describe('retries', () => {
  it('B2 B3 B5 each retry is a new record (retriedTaskId, retryCount+1, fresh CPEWF_TASK_ID); A12 failed names kept on success', async () => {
    const { type, name } = await oneTaskWorkflow({ retryCount: 3, retryDelaySeconds: 0 }, { inputParameters: { me: '${CPEWF_TASK_ID}' } });
    const id = await api.start(name);
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'once' });
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'twice' });
    const third = await api.work(type, 'COMPLETED', { ok: true });
    await api.work(type, 'COMPLETED');
    const wf = await api.workflow(id);
    expect(wf['status']).toBe('COMPLETED');
    expect(refsAndStatus(wf)).toEqual([['t1', 'FAILED'], ['t1', 'FAILED'], ['t1', 'COMPLETED'], ['t2', 'COMPLETED']]);
    const [a, b, c] = wf['tasks'] as Json[];
    expect(b).toMatchObject({ retryCount: 1, retriedTaskId: a!['taskId'] });
    expect(c).toMatchObject({ retryCount: 2, retriedTaskId: b!['taskId'], taskId: third['taskId'] });
    expect(a!['retried']).toBe(true);
    for (const t of [a, b, c]) expect(t!['inputData']['me']).toBe(t!['taskId']);
    expect(wf['failedReferenceTaskNames']).toEqual(['t1']);
  });

  it('B1 B6 a registered task def with only a name gets the defaults: FIXED retries 60 s apart, 3 of them', async () => {
    const type = unique('rt_defaults');
    const name = unique('rt_defaults_wf');
    await api.registerTaskDefs({ name: type });
    expect((await api.ok('GET', `/metadata/taskdefs/${type}`)).body).toMatchObject({ retryCount: 3, retryLogic: 'FIXED', retryDelaySeconds: 60, timeoutPolicy: 'TIME_OUT_WF', timeoutSeconds: 0, responseTimeoutSeconds: 3600, backoffScaleFactor: 1 });
    await api.registerWorkflow({ name, tasks: [simple(type, 't1')] });
    const id = await api.start(name);
    await api.work(type, 'FAILED');
    const wf = await api.workflow(id);
    expect(wf['status']).toBe('RUNNING');
    expect(wf['tasks'][1]).toMatchObject({ status: 'SCHEDULED', retryCount: 1, callbackAfterSeconds: 60, startDelayInSeconds: 60 });
    expect((await api.get(`/tasks/poll/batch/${type}?count=1&timeout=100`)).body).toEqual([]);
    await api.ok('DELETE', `/workflow/${id}`);
  });

  it('B4 the workflow task retryCount overrides the task def', async () => {
    const { type, name } = await oneTaskWorkflow({ retryCount: 5, retryDelaySeconds: 0 }, { retryCount: 0 });
    const id = await api.start(name);
    await api.work(type, 'FAILED');
    expect((await api.workflow(id))['status']).toBe('FAILED');
  });

  it('B6 B7 FIXED / LINEAR / EXPONENTIAL delays: callbackAfterSeconds is the delay and no poll gets it earlier', async () => {
    const cases: Array<[Json, number[]]> = [
      [{ retryLogic: 'FIXED', retryDelaySeconds: 1 }, [1, 1]],
      [{ retryLogic: 'LINEAR_BACKOFF', retryDelaySeconds: 1, backoffScaleFactor: 2 }, [2, 4]],
      [{ retryLogic: 'EXPONENTIAL_BACKOFF', retryDelaySeconds: 1 }, [1, 2]],
    ];
    for (const [def, expected] of cases) {
      const { type, name } = await oneTaskWorkflow({ retryCount: 2, ...def });
      const id = await api.start(name);
      await api.work(type, 'FAILED');
      const first = (await api.workflow(id))['tasks'][1];
      expect(first['callbackAfterSeconds']).toBe(expected[0]);
      expect(first['startDelayInSeconds']).toBe(expected[0]);
      await api.ok('POST', `/workflow/${id}/resetcallbacks`);
      await api.work(type, 'FAILED');
      const second = (await api.workflow(id))['tasks'][2];
      expect(second).toMatchObject({ callbackAfterSeconds: expected[1], retryCount: 2, status: 'SCHEDULED' });
      await api.ok('DELETE', `/workflow/${id}`);
    }
    const { type, name } = await oneTaskWorkflow({ retryCount: 1, retryDelaySeconds: 1 });
    const id = await api.start(name);
    await api.work(type, 'FAILED');
    expect((await api.get(`/tasks/poll/batch/${type}?count=1&timeout=300`)).body).toEqual([]);
    // A long poll is the condition wait: it answers as soon as the delayed retry becomes visible.
    const [retried] = (await api.ok('GET', `/tasks/poll/batch/${type}?count=1&timeout=4000&workerid=test-worker`)).body as Json[];
    expect(retried).toBeDefined();
    expect(retried!['startTime'] - retried!['scheduledTime']).toBeGreaterThanOrEqual(1000);
    expect(retried!['workflowInstanceId']).toBe(id);
  });

  it('E69 B15 an optional task is retried, then COMPLETED_WITH_ERRORS and the workflow completes', async () => {
    const { type, name } = await oneTaskWorkflow({ retryCount: 1, retryDelaySeconds: 0 }, { optional: true });
    const id = await api.start(name);
    await api.work(type, 'FAILED');
    await api.work(type, 'FAILED');
    let wf = await api.workflow(id);
    expect(refsAndStatus(wf)).toEqual([['t1', 'FAILED'], ['t1', 'COMPLETED_WITH_ERRORS'], ['t2', 'SCHEDULED']]);
    await api.work(type, 'COMPLETED');
    wf = await api.workflow(id);
    expect(wf['status']).toBe('COMPLETED');
  });

  it('B16 a permissive task lets the workflow continue, then fails it at the end', async () => {
    const { type, name } = await oneTaskWorkflow({ retryCount: 0 }, { permissive: true });
    const id = await api.start(name);
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'perm' });
    await api.work(type, 'COMPLETED');
    const wf = await api.workflow(id);
    expect(wf['status']).toBe('FAILED');
    expect(wf['reasonForIncompletion']).toContain("failed with status: FAILED and reason: 'perm'");
  });

  it('G3 a failed workflow starts its failureWorkflow with the failure input and records its id', async () => {
    const cleanupTask = unique('cleanup_task');
    const cleanup = unique('cleanup_wf');
    await api.registerWorkflow({ name: cleanup, tasks: [simple(cleanupTask, 'c')] });
    const { type, name } = await oneTaskWorkflow({ retryCount: 0 }, {}, { failureWorkflow: cleanup });
    const id = await api.start(name, { orderId: 7 }, '?correlationId=corr-g3');
    const task = await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'card declined' });
    const wf = await api.workflow(id);
    const failureId = wf['output']['conductor.failure_workflow'];
    expect(typeof failureId).toBe('string');
    const failure = await api.workflow(failureId);
    expect(failure).toMatchObject({ workflowName: cleanup, status: 'RUNNING', correlationId: 'corr-g3' });
    expect(failure['input']).toMatchObject({ orderId: 7, workflowId: id, failureStatus: 'FAILED', failureTaskId: task['taskId'], reason: wf['reasonForIncompletion'] });
    expect(failure['input']['failedWorkflow']['workflowId']).toBe(id);
    // D30: the terminate API never starts it.
    const other = await api.start(name, {});
    await api.ok('DELETE', `/workflow/${other}?reason=by%20hand`);
    expect((await api.workflow(other))['output']['conductor.failure_workflow']).toBeUndefined();
  });

  it('G3 a workflow timeout starts the failureWorkflow too, with failureStatus TIMED_OUT, the same correlationId and taskToDomain', async () => {
    const cleanup = unique('cleanup_wf');
    await api.registerWorkflow({ name: cleanup, tasks: [simple(unique('cleanup_task'), 'c')] });
    const { name } = await oneTaskWorkflow({ retryCount: 0 }, {}, { failureWorkflow: cleanup, timeoutSeconds: 1, timeoutPolicy: 'TIME_OUT_WF' });
    const taskToDomain = { '*': 'g3dom' };
    const id = (await api.ok('POST', '/workflow', { name, version: 1, input: { orderId: 8 }, correlationId: 'corr-g3-timeout', taskToDomain })).text;
    const wf = await api.until(id, (w) => w['status'] !== 'RUNNING');
    expect(wf['status']).toBe('TIMED_OUT');
    const failure = await api.workflow(wf['output']['conductor.failure_workflow']);
    expect(failure).toMatchObject({ workflowName: cleanup, correlationId: 'corr-g3-timeout', taskToDomain });
    expect(failure['input']).toMatchObject({ orderId: 8, workflowId: id, failureStatus: 'TIMED_OUT', reason: wf['reasonForIncompletion'] });
    expect(failure['input']['failedWorkflow']).toMatchObject({ workflowId: id, status: 'TIMED_OUT' });
    await api.ok('DELETE', `/workflow/${failure['workflowId']}`);
  });

  it('G5 G6 failureWorkflow from $workflow.input.<key>; a failure workflow that cannot start is recorded as an error string', async () => {
    const cleanup = unique('cleanup_wf');
    await api.registerWorkflow({ name: cleanup, tasks: [simple(unique('cleanup_task'), 'c')] });
    const byInput = await oneTaskWorkflow({ retryCount: 0 }, {}, { failureWorkflow: '$workflow.input.failureWfName' });
    const id = await api.start(byInput.name, { failureWfName: cleanup });
    await api.work(byInput.type, 'FAILED');
    const failure = await api.workflow((await api.workflow(id))['output']['conductor.failure_workflow']);
    expect(failure).toMatchObject({ workflowName: cleanup, input: { workflowId: id, failureStatus: 'FAILED' } });
    await api.ok('DELETE', `/workflow/${failure['workflowId']}`);
    const missing = unique('never_registered');
    const broken = await oneTaskWorkflow({ retryCount: 0 }, {}, { failureWorkflow: missing });
    const id2 = await api.start(broken.name);
    await api.work(broken.type, 'FAILED');
    const wf = await api.workflow(id2);
    expect(wf['status']).toBe('FAILED');
    expect(wf['output']['conductor.failure_workflow']).toMatch(new RegExp(`^Error workflow ${missing} failed to start.  reason: `));
  });

  it('F2 ${ref.output} reads the latest attempt: after FAILED then COMPLETED, the next task sees the COMPLETED output', async () => {
    const { type } = await oneTaskWorkflow({ retryCount: 1, retryDelaySeconds: 0 });
    const flow = unique('rt_latest');
    await api.registerWorkflow({ name: flow, tasks: [simple(type, 't1'), simple(type, 't2', { inputParameters: { seen: '${t1.output.op}', status: '${t1.status}', retry: '${t1.retryCount}' } })] });
    const id = await api.start(flow);
    await api.work(type, 'FAILED', { op: 'from the failed attempt' });
    await api.work(type, 'COMPLETED', { op: 'from the retry' });
    const wf = await api.workflow(id);
    expect(wf['tasks'][2]['inputData']).toEqual({ seen: 'from the retry', status: 'COMPLETED', retry: 1 });
    await api.ok('DELETE', `/workflow/${id}`);
  });
});

describe('timeouts (the sweeper)', () => {
  it('C1 C6 a silent worker: responseTimeoutSeconds times the task out and it is retried; then the workflow TIMED_OUT', async () => {
    const { type, name } = await oneTaskWorkflow({ retryCount: 1, retryDelaySeconds: 0, responseTimeoutSeconds: 1 });
    const id = await api.start(name);
    const first = await api.pollOne(type);
    let wf = await api.until(id, (w) => w['tasks'].length === 2);
    expect(wf['tasks'][0]).toMatchObject({ status: 'TIMED_OUT', reasonForIncompletion: `responseTimeout: 1 exceeded for the taskId: ${first!['taskId']} with Task Definition: ${type}` });
    expect(wf['tasks'][1]).toMatchObject({ status: 'SCHEDULED', retryCount: 1 });
    await api.pollOne(type);
    wf = await api.until(id, (w) => w['status'] !== 'RUNNING');
    expect(wf['status']).toBe('TIMED_OUT');
    expect(wf['reasonForIncompletion']).toContain('failed with status: TIMED_OUT');
  });

  it('C3 timeoutSeconds with RETRY times out and retries; TIME_OUT_WF times the workflow out at once', async () => {
    const retry = await oneTaskWorkflow({ retryCount: 1, retryDelaySeconds: 0, timeoutSeconds: 1, responseTimeoutSeconds: 1, timeoutPolicy: 'RETRY' });
    const id = await api.start(retry.name);
    const task = await api.pollOne(retry.type);
    await api.ok('POST', '/tasks', { workflowInstanceId: id, taskId: task!['taskId'], status: 'IN_PROGRESS', callbackAfterSeconds: 0 });
    const wf = await api.until(id, (w) => w['tasks'][0]['status'] === 'TIMED_OUT');
    expect(wf['tasks'][0]['reasonForIncompletion']).toMatch(/^Task timed out after \d+ seconds. Timeout configured as 1 seconds. Timeout policy configured to RETRY/);
    expect(wf['tasks'][1]).toMatchObject({ status: 'SCHEDULED', retryCount: 1 });
    const toWf = await oneTaskWorkflow({ retryCount: 3, timeoutSeconds: 1, responseTimeoutSeconds: 1, timeoutPolicy: 'TIME_OUT_WF' });
    const id2 = await api.start(toWf.name);
    await api.pollOne(toWf.type);
    const timedOut = await api.until(id2, (w) => w['status'] !== 'RUNNING');
    expect(timedOut['status']).toBe('TIMED_OUT');
    expect(timedOut['tasks']).toHaveLength(1);
  });

  it('C3 B14 E69 timeoutSeconds: RETRY until retries run out (workflow TIMED_OUT, every attempt TIMED_OUT); optional → COMPLETED_WITH_ERRORS; ALERT_ONLY changes nothing', async () => {
    const timing = { timeoutSeconds: 1, responseTimeoutSeconds: 1 };
    const retry = await oneTaskWorkflow({ retryCount: 1, retryDelaySeconds: 0, timeoutPolicy: 'RETRY', ...timing });
    const optional = await oneTaskWorkflow({ retryCount: 0, timeoutPolicy: 'RETRY', ...timing }, { optional: true });
    const alert = await oneTaskWorkflow({ retryCount: 0, timeoutPolicy: 'ALERT_ONLY', ...timing });
    const [retryId, optionalId, alertId] = await Promise.all([api.start(retry.name), api.start(optional.name), api.start(alert.name)]);
    await api.pollOne(optional.type);
    const alertTask = await api.pollOne(alert.type);
    // IN_PROGRESS without a callback puts the task back to SCHEDULED (A8): no response timeout, only timeoutSeconds applies.
    await api.ok('POST', '/tasks', { workflowInstanceId: alertId, taskId: alertTask!['taskId'], status: 'IN_PROGRESS' });
    const alertDeadline = Date.now() + 1_500;
    await api.pollOne(retry.type);
    await api.until(retryId, (w) => w['tasks'].length === 2);
    await api.pollOne(retry.type);

    const timedOut = await api.until(retryId, (w) => w['status'] !== 'RUNNING');
    expect(timedOut['status']).toBe('TIMED_OUT');
    expect(refsAndStatus(timedOut)).toEqual([['t1', 'TIMED_OUT'], ['t1', 'TIMED_OUT']]);
    const last = timedOut['tasks'][1];
    expect(timedOut['reasonForIncompletion']).toMatch(new RegExp(`^Task ${last['taskId']} failed with status: TIMED_OUT and reason: 'Task timed out after \\d+ seconds. Timeout configured as 1 seconds. Timeout policy configured to RETRY'$`));
    // Only FAILED / FAILED_WITH_TERMINAL_ERROR attempts count as failed names (WorkflowExecutorOps#terminateWorkflow).
    expect(timedOut['failedReferenceTaskNames']).toEqual([]);

    const continued = await api.until(optionalId, (w) => w['tasks'].length === 2);
    expect(refsAndStatus(continued)).toEqual([['t1', 'COMPLETED_WITH_ERRORS'], ['t2', 'SCHEDULED']]);
    expect(continued['tasks'][0]['reasonForIncompletion']).toMatch(/^Task timed out after/);
    await api.work(optional.type, 'COMPLETED');
    expect((await api.workflow(optionalId))['status']).toBe('COMPLETED');

    // ALERT_ONLY: past the deadline, an explicit decide still leaves everything as it was.
    await new Promise((r) => setTimeout(r, Math.max(0, alertDeadline - Date.now())));
    await api.ok('PUT', `/workflow/decide/${alertId}`);
    const alerted = await api.workflow(alertId);
    expect(alerted['status']).toBe('RUNNING');
    expect(refsAndStatus(alerted)).toEqual([['t1', 'SCHEDULED']]);
    await api.ok('DELETE', `/workflow/${alertId}`);
  });

  it('C5 pollTimeoutSeconds: a task nobody polls times out and leaves the queue', async () => {
    const { type, name } = await oneTaskWorkflow({ retryCount: 0, pollTimeoutSeconds: 1, timeoutPolicy: 'TIME_OUT_WF' });
    const id = await api.start(name);
    const wf = await api.until(id, (w) => w['status'] !== 'RUNNING');
    expect(wf['status']).toBe('TIMED_OUT');
    expect(wf['tasks'][0]['reasonForIncompletion']).toMatch(/^Task poll timed out after \d+ seconds. Poll timeout configured as 1 seconds/);
    expect((await api.get(`/tasks/queue/sizes?taskType=${type}`)).body[type]).toBe(0);
  });

  it('C7 workflow timeoutSeconds with TIME_OUT_WF: TIMED_OUT, pending tasks CANCELED; D7 retry restarts the clock', async () => {
    const { name } = await oneTaskWorkflow({ retryCount: 0 }, {}, { timeoutSeconds: 1, timeoutPolicy: 'TIME_OUT_WF' });
    const id = await api.start(name);
    const wf = await api.until(id, (w) => w['status'] !== 'RUNNING');
    expect(wf['status']).toBe('TIMED_OUT');
    expect(wf['tasks'][0]['status']).toBe('CANCELED');
    expect(wf['reasonForIncompletion']).toMatch(/^Workflow timed out after \d+ seconds. Timeout configured as 1 seconds. Timeout policy configured to TIME_OUT_WF/);
    expect((await api.post(`/workflow/${id}/retry`)).status).toBe(204);
    const retried = await api.workflow(id);
    expect(retried['status']).toBe('RUNNING');
    expect(retried['lastRetriedTime']).toBeGreaterThan(0);
    expect((await api.until(id, (w) => w['status'] !== 'RUNNING'))['status']).toBe('TIMED_OUT');
  });
});

describe('task definition limits', () => {
  it('A18 concurrentExecLimit 1: a second task is not handed out while one is IN_PROGRESS', async () => {
    const { type, name } = await oneTaskWorkflow({ retryCount: 0, concurrentExecLimit: 1 });
    const a = await api.start(name);
    const b = await api.start(name);
    const first = await api.get(`/tasks/poll/batch/${type}?count=5&timeout=100`);
    expect(first.body).toHaveLength(1);
    expect((await api.get(`/tasks/poll/batch/${type}?count=5&timeout=100`)).body).toEqual([]);
    const task = first.body[0];
    await api.ok('POST', '/tasks', { workflowInstanceId: task['workflowInstanceId'], taskId: task['taskId'], status: 'COMPLETED' });
    const next = await api.get(`/tasks/poll/batch/${type}?count=5&timeout=100`);
    expect(next.body).toHaveLength(1);
    for (const id of [a, b]) await api.call('DELETE', `/workflow/${id}`);
  });

  it('A19 rateLimitPerFrequency 1 per 10 s: a second task is not delivered within the window', async () => {
    const { type, name } = await oneTaskWorkflow({ retryCount: 0, rateLimitPerFrequency: 1, rateLimitFrequencyInSeconds: 10 });
    const a = await api.start(name);
    const b = await api.start(name);
    expect((await api.get(`/tasks/poll/batch/${type}?count=5&timeout=100`)).body).toHaveLength(1);
    expect((await api.get(`/tasks/poll/batch/${type}?count=5&timeout=100`)).body).toEqual([]);
    for (const id of [a, b]) await api.call('DELETE', `/workflow/${id}`);
  });
});
