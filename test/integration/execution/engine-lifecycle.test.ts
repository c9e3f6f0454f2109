/**
 * Issue 5 items 1-3 over HTTP: start, parameters and output, the SIMPLE task lifecycle.
 * Statement ids refer to /work/shared/docs/engine-behaviour.md.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api, openApi, simple, unique, type Json } from './harness.js';

let api: Api;
let t1: string;
let t2: string;
let wf: string;

beforeAll(async () => {
  api = await openApi();
});
// Fresh task types and workflow per test: queues are shared server-wide.
beforeEach(async () => {
  t1 = unique('lc_t1');
  t2 = unique('lc_t2');
  wf = unique('lc_wf');
  await api.registerTaskDefs({ name: t1, retryCount: 0 }, { name: t2, retryCount: 0 });
  await api.registerWorkflow({
    name: wf,
    tasks: [
      simple(t1, 't1', { inputParameters: { p1: '${workflow.input.param1}', whole: '${workflow.input}', id: '${CPEWF_TASK_ID}', nothing: null, nested: { list: ['${workflow.input.list[1]}'] } } }),
      simple(t2, 't2', { inputParameters: { tp2: '${t1.output.op}', text: 'wf ${workflow.workflowId} corr ${workflow.correlationId}', missing: '${t1.output.nope}' } }),
    ],
    outputParameters: { o1: '${workflow.input.param1}', o2: '${t2.output.uuid}', o3: '${t1.output.op}', all: '${t1.output}' },
  });
});
afterAll(async () => {
  await api.server.close();
});

describe('start', () => {
  it('I4 POST /workflow/{name} answers the id as text/plain; the execution is RUNNING with its first task scheduled', async () => {
    const reply = await api.post(`/workflow/${wf}?correlationId=c-1&priority=7`, { param1: 'p1 value', list: [1, 2] });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^text\/plain/);
    const execution = await api.workflow(reply.text);
    expect(execution).toMatchObject({ workflowId: reply.text, workflowName: wf, workflowVersion: 1, status: 'RUNNING', correlationId: 'c-1', priority: 7 });
    expect(execution['startTime']).toBe(execution['createTime']);
    expect(execution['workflowDefinition']['tasks'][0]['taskDefinition']).toMatchObject({ name: t1, retryCount: 0 });
  });

  it('I4 POST /workflow with a StartWorkflowRequest; unknown names and versions are 404', async () => {
    const reply = await api.post('/workflow', { name: wf, version: 1, input: { param1: 'x' }, correlationId: 'c-2', taskToDomain: {} });
    expect(reply.status).toBe(200);
    expect((await api.workflow(reply.text))['input']).toEqual({ param1: 'x' });
    const unknown = await api.post('/workflow/no_such_wf_anywhere', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('No such workflow found by name: no_such_wf_anywhere, version: null');
    const badVersion = await api.post('/workflow', { name: wf, version: 99 });
    expect(badVersion.status).toBe(404);
    expect(badVersion.body.message).toBe(`No such workflow defined. name=${wf}, version=99`);
    expect((await api.post('/workflow', { input: {} })).status).toBe(400);
    expect((await api.post(`/workflow/${wf}?priority=100`, {})).status).toBe(400);
  });

  it('H6 an inline workflowDef runs without registration', async () => {
    const reply = await api.post('/workflow', { name: unique('ephemeral'), workflowDef: { name: 'ephemeral', version: 1, schemaVersion: 2, tasks: [simple(t1, 'only')] }, input: {} });
    expect(reply.status).toBe(200);
    const execution = await api.workflow(reply.text);
    expect(execution['tasks'][0]).toMatchObject({ referenceTaskName: 'only', status: 'SCHEDULED' });
    await api.ok('DELETE', `/workflow/${reply.text}?reason=cleanup`);
  });

  it('H7 an inline definition with no tasks completes at once', async () => {
    const reply = await api.post('/workflow', { name: 'empty', workflowDef: { name: 'empty', version: 1, schemaVersion: 2, tasks: [] }, input: {} });
    if (!api.server.isDevServer && reply.status !== 200) return; // some real servers refuse an empty inline def
    expect(reply.status).toBe(200);
    expect(await api.workflow(reply.text)).toMatchObject({ status: 'COMPLETED', tasks: [] });
  });
});

describe('SIMPLE task lifecycle', () => {
  it('A1 A2 A3 A4 A5 F1 F3 F10 G1 H1 a two-task workflow runs to completion with resolved inputs and output', async () => {
    const id = await api.start(wf, { param1: 'p1 value', list: ['a', 'b'] }, '?correlationId=corr-9');
    let execution = await api.workflow(id);
    expect(execution['tasks']).toHaveLength(1);
    expect(execution['tasks'][0]).toMatchObject({ seq: 1, status: 'SCHEDULED', taskType: t1, taskDefName: t1, referenceTaskName: 't1', workflowInstanceId: id, correlationId: 'corr-9' });

    const polled = await api.pollOne(t1, 'worker-a');
    expect(polled).toMatchObject({ status: 'IN_PROGRESS', workflowInstanceId: id, workerId: 'worker-a', pollCount: 1 });
    expect(polled!['startTime']).toBeGreaterThan(0);
    expect(polled!['inputData']).toEqual({ p1: 'p1 value', whole: { param1: 'p1 value', list: ['a', 'b'] }, id: polled!['taskId'], nothing: null, nested: { list: ['b'] } });
    expect(await api.get(`/tasks/poll/${t1}?workerid=other`)).toMatchObject({ status: 204, text: '' });

    await api.ok('POST', '/tasks', { workflowInstanceId: id, taskId: polled!['taskId'], status: 'COMPLETED', outputData: { op: 'task1.done', n: null, deep: { k: null } } });
    execution = await api.workflow(id);
    expect(execution['tasks'].map((t: Json) => [t['referenceTaskName'], t['status']])).toEqual([['t1', 'COMPLETED'], ['t2', 'SCHEDULED']]);
    expect(execution['tasks'][0]['outputData']).toEqual({ op: 'task1.done', n: null, deep: { k: null } });
    expect(execution['tasks'][0]['endTime']).toBeGreaterThan(0);
    expect(execution['tasks'][1]['inputData']).toEqual({ tp2: 'task1.done', text: `wf ${id} corr corr-9`, missing: null });
    expect((await api.get(`/tasks/queue/sizes?taskType=${t2}`)).body).toEqual({ [t2]: 1 });

    await api.work(t2, 'COMPLETED', { uuid: 'u-1' });
    execution = await api.workflow(id);
    expect(execution['status']).toBe('COMPLETED');
    expect(execution['endTime']).toBeGreaterThan(0);
    expect(execution['output']).toEqual({ o1: 'p1 value', o2: 'u-1', o3: 'task1.done', all: { op: 'task1.done', n: null, deep: { k: null } } });
    expect(execution['tasks'].map((t: Json) => t['seq'])).toEqual([1, 2]);
  });

  it('H1 the execution record carries every workflow and task field the UI reads; tasks sorted by seq', async () => {
    const id = await api.start(wf, { param1: 'h1' }, '?correlationId=corr-h1');
    await api.work(t1, 'COMPLETED', { op: 'done' });
    const execution = await api.workflow(id);
    for (const field of ['workflowId', 'workflowName', 'workflowVersion', 'status', 'createTime', 'startTime', 'updateTime', 'endTime', 'lastRetriedTime', 'input', 'output', 'variables', 'correlationId', 'priority', 'failedReferenceTaskNames', 'failedTaskNames', 'taskToDomain', 'workflowDefinition', 'tasks']) {
      expect(execution, field).toHaveProperty(field);
    }
    expect(execution).not.toHaveProperty('failedTaskId');
    expect(execution).toMatchObject({ workflowId: id, workflowName: wf, workflowVersion: 1, status: 'RUNNING', endTime: 0, lastRetriedTime: 0, correlationId: 'corr-h1', priority: 0, variables: {} });
    expect(execution['startTime']).toBe(execution['createTime']);
    expect(execution['workflowDefinition']).toMatchObject({ name: wf, version: 1 });
    expect(execution['tasks'].map((t: Json) => t['seq'])).toEqual([1, 2]);
    const [done, next] = execution['tasks'] as Json[];
    for (const field of ['taskId', 'taskType', 'taskDefName', 'referenceTaskName', 'status', 'seq', 'inputData', 'outputData', 'retryCount', 'retried', 'executed', 'pollCount', 'workerId', 'scheduledTime', 'startTime', 'endTime', 'updateTime', 'callbackAfterSeconds', 'startDelayInSeconds', 'responseTimeoutSeconds', 'workflowInstanceId', 'workflowType', 'correlationId', 'workflowPriority', 'iteration', 'workflowTask']) {
      expect(done, field).toHaveProperty(field);
    }
    expect(done).toMatchObject({ taskType: t1, taskDefName: t1, referenceTaskName: 't1', status: 'COMPLETED', retryCount: 0, retried: false, executed: true, pollCount: 1, workerId: 'test-worker', workflowInstanceId: id, workflowType: wf, correlationId: 'corr-h1', workflowPriority: 0, iteration: 0 });
    expect(done!['workflowTask']).toMatchObject({ name: t1, taskReferenceName: 't1', type: 'SIMPLE', taskDefinition: { name: t1 } });
    expect(done!['scheduledTime']).toBeGreaterThan(0);
    expect(done!['endTime']).toBeGreaterThanOrEqual(done!['startTime']);
    expect(done!['startTime']).toBeGreaterThanOrEqual(done!['scheduledTime']);
    expect(next).toMatchObject({ status: 'SCHEDULED', startTime: 0, endTime: 0, pollCount: 0, executed: false });
    await api.ok('DELETE', `/workflow/${id}`);
  });

  it('G1 without outputParameters the output is the last task\'s outputData', async () => {
    const name = unique('lc_nooutput');
    await api.registerWorkflow({ name, tasks: [simple(t1, 'a'), simple(t2, 'b')] });
    const id = await api.start(name, {});
    await api.work(t1, 'COMPLETED', { first: 1 });
    await api.work(t2, 'COMPLETED', { second: { nested: true }, n: null });
    expect(await api.workflow(id)).toMatchObject({ status: 'COMPLETED', output: { second: { nested: true }, n: null } });
    expect((await api.workflow(id))['output']).not.toHaveProperty('first');
  });

  it('A2 batch poll answers [] when nothing is queued; timeout over 5000 ms is a 400', async () => {
    const empty = await api.get(`/tasks/poll/batch/${unique('nothing')}?count=5&timeout=10`);
    expect(empty).toMatchObject({ status: 200, body: [] });
    const tooLong = await api.get(`/tasks/poll/batch/${t1}?timeout=5001`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toBe('Long Poll Timeout value cannot be more than 5 seconds');
  });

  it('A7 A8 IN_PROGRESS with callbackAfterSeconds requeues the task as SCHEDULED, invisible until the callback', async () => {
    const id = await api.start(wf, { param1: 'x' });
    const task = await api.pollOne(t1);
    await api.ok('POST', '/tasks', { workflowInstanceId: id, taskId: task!['taskId'], status: 'IN_PROGRESS', callbackAfterSeconds: 1, outputData: { progress: 50 } });
    const stored = (await api.workflow(id))['tasks'][0];
    expect(stored).toMatchObject({ status: 'SCHEDULED', callbackAfterSeconds: 1, outputData: { progress: 50 } });
    expect((await api.get(`/tasks/queue/sizes?taskType=${t1}`)).body[t1]).toBeGreaterThanOrEqual(1);
    const early = await api.get(`/tasks/poll/batch/${t1}?count=1&timeout=200`);
    expect(early.body.filter((t: Json) => t['taskId'] === task!['taskId'])).toEqual([]);
    const later = await api.get(`/tasks/poll/batch/${t1}?count=10&timeout=4000`); // answers as soon as the callback is due
    const again = later.body.find((t: Json) => t['taskId'] === task!['taskId']);
    expect(again).toMatchObject({ status: 'IN_PROGRESS', pollCount: 2, callbackAfterSeconds: 0 });
    // A8: IN_PROGRESS without a callback is pollable again at once.
    await api.ok('POST', '/tasks', { workflowInstanceId: id, taskId: task!['taskId'], status: 'IN_PROGRESS' });
    const now = await api.get(`/tasks/poll/batch/${t1}?count=10&timeout=500`);
    expect(now.body.map((t: Json) => t['taskId'])).toContain(task!['taskId']);
    await api.ok('DELETE', `/workflow/${id}`);
    for (const t of later.body) if (t['taskId'] !== task!['taskId']) await api.ok('DELETE', `/workflow/${t['workflowInstanceId']}`);
  });

  it('A9 resetcallbacks makes a postponed task pollable immediately', async () => {
    const id = await api.start(wf, {});
    const task = await api.pollOne(t1);
    await api.ok('POST', '/tasks', { workflowInstanceId: id, taskId: task!['taskId'], status: 'IN_PROGRESS', callbackAfterSeconds: 3600 });
    expect((await api.post(`/workflow/${id}/resetcallbacks`)).status).toBe(204);
    expect((await api.workflow(id))['tasks'][0]['callbackAfterSeconds']).toBe(0);
    const polled = await api.get(`/tasks/poll/batch/${t1}?count=20&timeout=500`);
    expect(polled.body.map((t: Json) => t['taskId'])).toContain(task!['taskId']);
    await api.ok('DELETE', `/workflow/${id}`);
  });

  it('A10 a FAILED update with no retries fails the workflow with the exact reason; later tasks never run', async () => {
    const id = await api.start(wf, {});
    const task = await api.work(t1, 'FAILED', { partial: 1 }, { reasonForIncompletion: 'worker says no' });
    const execution = await api.workflow(id);
    expect(execution['status']).toBe('FAILED');
    expect(execution['reasonForIncompletion']).toBe(`Task ${task['taskId']} failed with status: FAILED and reason: 'worker says no'`);
    expect(execution['failedReferenceTaskNames']).toEqual(['t1']);
    expect(execution['failedTaskNames']).toEqual([t1]);
    expect(execution['tasks']).toHaveLength(1);
    expect(execution['output']['all']).toEqual({ partial: 1 });
  });

  it('A11 FAILED_WITH_TERMINAL_ERROR is never retried even with retries left; output still computed', async () => {
    const retrying = unique('lc_retrying');
    await api.registerTaskDefs({ name: retrying, retryCount: 3, retryDelaySeconds: 0 });
    const name = unique('lc_terminal');
    await api.registerWorkflow({ name, tasks: [simple(retrying, 't1')], outputParameters: { validationErrors: '${t1.output.ErrorMessage}' } });
    const id = await api.start(name, {});
    await api.work(retrying, 'FAILED_WITH_TERMINAL_ERROR', { ErrorMessage: 'bad input' }, { reasonForIncompletion: 'terminal' });
    const execution = await api.workflow(id);
    expect(execution).toMatchObject({ status: 'FAILED', output: { validationErrors: 'bad input' } });
    expect(execution['tasks']).toHaveLength(1);
    expect(execution['tasks'][0]['retryCount']).toBe(0);
    expect(execution['reasonForIncompletion']).toContain("failed with status: FAILED and reason: 'terminal'");
  });

  it('A21 extendLease only refreshes the lease: status, output and queue position unchanged', async () => {
    const id = await api.start(wf, {});
    const task = await api.pollOne(t1);
    const before = (await api.workflow(id))['tasks'][0];
    await api.ok('POST', '/tasks', { workflowInstanceId: id, taskId: task!['taskId'], status: 'IN_PROGRESS', extendLease: true, outputData: { ignored: true } });
    const after = (await api.workflow(id))['tasks'][0];
    expect(after).toMatchObject({ status: 'IN_PROGRESS', outputData: {}, pollCount: 1 });
    expect(after['updateTime']).toBeGreaterThanOrEqual(before['updateTime']);
    expect((await api.get(`/tasks/poll/batch/${t1}?count=1&timeout=100`)).body).toEqual([]);
    await api.ok('DELETE', `/workflow/${id}`);
  });

  it('A20 F16 terminate dequeues: the next poll gets another workflow\'s task; workflow input is stored literally', async () => {
    const first = await api.start(wf, { param1: '${workflow.workflowId}' });
    const second = await api.start(wf, { param1: 'plain' });
    expect((await api.workflow(first))['input']).toEqual({ param1: '${workflow.workflowId}' });
    expect((await api.workflow(first))['tasks'][0]['inputData']['p1']).toBe('${workflow.workflowId}');
    await api.ok('DELETE', `/workflow/${first}?reason=gone`);
    expect(await api.pollOne(t1)).toMatchObject({ workflowInstanceId: second });
    await api.ok('DELETE', `/workflow/${second}`);
  });

  it('A13 an update to a terminal task or in a terminal workflow is ignored with 200', async () => {
    const id = await api.start(wf, {});
    const task = await api.work(t1, 'COMPLETED', { op: 'first' });
    const again = await api.post('/tasks', { workflowInstanceId: id, taskId: task['taskId'], status: 'FAILED', outputData: { op: 'changed' } });
    expect(again).toMatchObject({ status: 200, text: task['taskId'] });
    expect((await api.workflow(id))['tasks'][0]).toMatchObject({ status: 'COMPLETED', outputData: { op: 'first' } });
    await api.ok('DELETE', `/workflow/${id}`);
  });

  it('A14 unknown task is 404; an empty TaskResult is a 400 validation error', async () => {
    const unknown = await api.get('/tasks/test999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Task not found for taskId: test999');
    const empty = await api.post('/tasks', {});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('Validation failed, check below errors for detail.');
    expect(empty.body.validationErrors.map((e: Json) => e['message'])).toContain('Workflow Id cannot be null or empty');
  });

  it('A15 update by reference name answers the task id, or an empty 200 when nothing is pending', async () => {
    const id = await api.start(wf, {});
    const scheduled = (await api.workflow(id))['tasks'][0];
    const reply = await api.post(`/tasks/${id}/t1/COMPLETED`, { op: 'by-ref' });
    expect(reply).toMatchObject({ status: 200, text: scheduled['taskId'] });
    const execution = await api.workflow(id);
    expect(execution['tasks'][1]['inputData']['tp2']).toBe('by-ref');
    expect(await api.post(`/tasks/${id}/t1/COMPLETED`, {})).toMatchObject({ status: 200, text: '' });
    const sync = await api.post(`/tasks/${id}/t2/COMPLETED/sync`, { uuid: 'z' });
    expect(sync.body).toMatchObject({ workflowId: id, status: 'COMPLETED' });
    expect((await api.post(`/tasks/${id}/t2/BOGUS`, {})).status).toBe(500);
  });

  it('A17 B1 a SIMPLE task without a registered def runs with the TaskDef defaults (retryCount 3, FIXED, 60 s…)', async () => {
    const name = unique('lc_adhoc');
    const type = unique('unregistered');
    await api.registerWorkflow({ name, tasks: [simple(type, 'x')] });
    const id = await api.start(name, {});
    const execution = await api.workflow(id);
    expect(execution['tasks'][0]).toMatchObject({ taskType: type, taskDefName: type });
    expect(execution['workflowDefinition']['tasks'][0]['taskDefinition']).toMatchObject({
      retryCount: 3, retryLogic: 'FIXED', retryDelaySeconds: 60, timeoutPolicy: 'TIME_OUT_WF', timeoutSeconds: 0,
      responseTimeoutSeconds: 3600, backoffScaleFactor: 1, maxRetryDelaySeconds: 0, backoffJitterMs: 0, totalTimeoutSeconds: 0,
    });
    expect(execution['workflowDefinition']['tasks'][0]['taskDefinition']['pollTimeoutSeconds'] ?? null).toBeNull();
    expect(execution['tasks'][0]['responseTimeoutSeconds']).toBe(3600);
    await api.ok('DELETE', `/workflow/${id}`);
  });

  it('A22 task logs: from a TaskResult and from POST /tasks/{id}/log; 204 when there are none', async () => {
    const id = await api.start(wf, {});
    const task = await api.pollOne(t1);
    expect((await api.get(`/tasks/${task!['taskId']}/log`)).status).toBe(204);
    await api.ok('POST', `/tasks/${task!['taskId']}/log`, undefined);
    await api.call('POST', `/tasks/${task!['taskId']}/log`, undefined, 'plain line');
    await api.ok('POST', '/tasks', { workflowInstanceId: id, taskId: task!['taskId'], status: 'COMPLETED', logs: [{ log: 'from worker', createdTime: 5 }] });
    const logs = (await api.get(`/tasks/${task!['taskId']}/log`)).body as Json[];
    expect(logs.map((l) => l['log'])).toEqual(['', 'plain line', 'from worker']);
    expect(logs[2]).toMatchObject({ taskId: task!['taskId'], createdTime: 5 });
    await api.ok('DELETE', `/workflow/${id}`);
  });

  it('H2 includeTasks=false gives tasks []; an unknown id is 404 with the real message', async () => {
    const id = await api.start(wf, {});
    expect((await api.get(`/workflow/${id}?includeTasks=false`)).body['tasks']).toEqual([]);
    const missing = await api.get('/workflow/no-such-id');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('No such workflow found by id: no-such-id');
    const status = await api.get(`/workflow/${id}/status?includeOutput=true`);
    // GET /workflow/{id}/status exists on v3.31.2+; older real servers answer 404.
    if (api.server.isDevServer || status.status === 200) expect(status.body).toMatchObject({ workflowId: id, status: 'RUNNING', output: {} });
    const page = await api.get(`/workflow/${id}/tasks?status=SCHEDULED`);
    expect(page.body).toMatchObject({ totalHits: 1 });
    await api.ok('DELETE', `/workflow/${id}`);
  });

  it('H5 priority is copied to tasks; the higher priority is delivered first', async () => {
    const type = unique('prio');
    const name = unique('lc_prio');
    await api.registerWorkflow({ name, tasks: [simple(type, 'p')] });
    const low = await api.start(name, {}, '?priority=1');
    const high = await api.start(name, {}, '?priority=50');
    const polled = await api.pollOne(type);
    expect(polled).toMatchObject({ workflowInstanceId: high, workflowPriority: 50 });
    await api.ok('DELETE', `/workflow/${low}`);
    await api.ok('DELETE', `/workflow/${high}`);
  });

  it('F15 the workflow inputTemplate fills missing input keys; supplied values win', async () => {
    const name = unique('lc_template');
    await api.registerWorkflow({ name, inputTemplate: { a: 'default-a', b: 'default-b' }, tasks: [simple(t1, 't1', { inputParameters: { a: '${workflow.input.a}', b: '${workflow.input.b}' } })] });
    const id = await api.start(name, { b: 'given' });
    expect((await api.workflow(id))['tasks'][0]['inputData']).toEqual({ a: 'default-a', b: 'given' });
    await api.ok('DELETE', `/workflow/${id}`);
  });
});
