/**
 * Issue 5 item 4 over HTTP: pause/resume, terminate, retry, restart, rerun, skip, remove,
 * variables, jump, resetcallbacks, decide, bulk, sync execution, and the refused transitions
 * with the real status codes (conductor-api.md §2.3).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Api, hasOrkesApi, openApi, simple, unique, type Json } from './harness.js';

let api: Api;
let type: string;
let name: string;

beforeAll(async () => {
  api = await openApi();
});
beforeEach(async () => {
  type = unique('op_task');
  name = unique('op_wf');
  await api.registerTaskDefs({ name: type, retryCount: 0 });
  await api.registerWorkflow({ name, tasks: [simple(type, 't1'), simple(type, 't2', { inputParameters: { from1: '${t1.output.token}' } }), simple(type, 't3')], outputParameters: { last: '${t3.output.v}' } });
});
afterAll(async () => {
  await api.server.close();
});

const statuses = (wf: Json) => wf['tasks'].map((t: Json) => [t['referenceTaskName'], t['status']]);

describe('pause, resume, terminate', () => {
  it('D25 a paused workflow schedules nothing new, even on decide; resume schedules at once', async () => {
    const id = await api.start(name);
    expect((await api.put(`/workflow/${id}/pause`)).status).toBe(200);
    expect((await api.put(`/workflow/${id}/pause`)).status).toBe(200);
    await api.work(type, 'COMPLETED', { token: 'tk' });
    await api.ok('PUT', `/workflow/decide/${id}`);
    let wf = await api.workflow(id);
    expect(wf['status']).toBe('PAUSED');
    expect(statuses(wf)).toEqual([['t1', 'COMPLETED']]);
    expect((await api.get(`/tasks/poll/batch/${type}?timeout=100`)).body).toEqual([]);
    await api.ok('PUT', `/workflow/${id}/resume`);
    wf = await api.workflow(id);
    expect(wf['status']).toBe('RUNNING');
    expect(wf['lastRetriedTime']).toBeGreaterThan(0);
    expect(statuses(wf)).toEqual([['t1', 'COMPLETED'], ['t2', 'SCHEDULED']]);
    await api.work(type, 'COMPLETED');
    await api.work(type, 'COMPLETED', { v: 3 });
    expect(await api.workflow(id)).toMatchObject({ status: 'COMPLETED', output: { last: 3 } });
  });

  it('D26 resume of a RUNNING workflow is a 500; pause of a terminal one is a 409', async () => {
    const id = await api.start(name);
    const resume = await api.put(`/workflow/${id}/resume`);
    expect(resume.status).toBe(500);
    expect(resume.body.message).toBe(`The workflow ${id} is not PAUSED so cannot resume. Current status is RUNNING`);
    await api.ok('DELETE', `/workflow/${id}`);
    const pause = await api.put(`/workflow/${id}/pause`);
    expect(pause.status).toBe(409);
    expect(pause.body.message).toBe(`Workflow ${name}.1/${id} has ended, status cannot be updated.`);
  });

  it('D27 terminate also ends PAUSED and FAILED executions: TERMINATED with the reason, pending tasks CANCELED and dequeued', async () => {
    const paused = await api.start(name);
    await api.ok('PUT', `/workflow/${paused}/pause`);
    await api.ok('DELETE', `/workflow/${paused}?reason=while%20paused`);
    const a = await api.workflow(paused);
    expect(a).toMatchObject({ status: 'TERMINATED', reasonForIncompletion: 'while paused', output: { last: null } });
    expect(statuses(a)).toEqual([['t1', 'CANCELED']]);
    expect((await api.get(`/tasks/queue/sizes?taskType=${type}`)).body[type]).toBe(0);
    const failed = await api.start(name);
    await api.work(type, 'FAILED');
    expect((await api.workflow(failed))['status']).toBe('FAILED');
    await api.ok('DELETE', `/workflow/${failed}?reason=cleanup`);
    expect(await api.workflow(failed)).toMatchObject({ status: 'TERMINATED', reasonForIncompletion: 'cleanup' });
  });

  it('D27 D28 terminate cancels pending tasks, removes them from the queue and computes output', async () => {
    const id = await api.start(name);
    await api.work(type, 'COMPLETED', { token: 'x' });
    expect((await api.delete(`/workflow/${id}?reason=stop%20now`)).status).toBe(200);
    const wf = await api.workflow(id);
    expect(wf).toMatchObject({ status: 'TERMINATED', reasonForIncompletion: 'stop now', output: { last: null } });
    expect(statuses(wf)).toEqual([['t1', 'COMPLETED'], ['t2', 'CANCELED']]);
    expect((await api.get(`/tasks/queue/sizes?taskType=${type}`)).body[type]).toBe(0);
    expect((await api.delete(`/workflow/${id}`)).status).toBe(200);
    const done = await api.start(name);
    for (let i = 0; i < 3; i++) await api.work(type, 'COMPLETED');
    const refused = await api.delete(`/workflow/${done}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('Cannot terminate a COMPLETED workflow.');
  });
});

describe('retry, restart, rerun', () => {
  it('D1 D2 D3 D4 retry: 404 while running; new attempts for failed refs with the recorded inputs; completed tasks untouched', async () => {
    const id = await api.start(name);
    const running = await api.post(`/workflow/${id}/retry`);
    expect(running.status).toBe(404);
    expect(running.body.message).toBe('Workflow is still running.  status=RUNNING');
    await api.work(type, 'COMPLETED', { token: 'secret-token' });
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'flaky' });
    expect((await api.workflow(id))['status']).toBe('FAILED');
    expect((await api.post(`/workflow/${id}/retry?resumeSubworkflowTasks=false`)).status).toBe(204);
    let wf = await api.workflow(id);
    expect(wf).toMatchObject({ status: 'RUNNING' });
    expect(wf['reasonForIncompletion']).toBeUndefined();
    expect(statuses(wf)).toEqual([['t1', 'COMPLETED'], ['t2', 'FAILED'], ['t2', 'SCHEDULED']]);
    expect(wf['tasks'][2]).toMatchObject({ retryCount: 1, retriedTaskId: wf['tasks'][1]['taskId'], inputData: { from1: 'secret-token' } });
    await api.work(type, 'COMPLETED');
    await api.work(type, 'COMPLETED', { v: 1 });
    wf = await api.workflow(id);
    expect(wf['status']).toBe('COMPLETED');
    const nothing = await api.post(`/workflow/${id}/retry`);
    expect(nothing.status).toBe(409);
    expect(nothing.body.message).toBe('There are no retryable tasks! Use restart if you want to attempt entire workflow execution again.');
  });

  it('D4 retry appends one attempt per unsuccessful reference (FAILED and CANCELED), keeps earlier attempts and clears the reason', async () => {
    const multi = unique('op_multi');
    await api.registerWorkflow({ name: multi, tasks: [simple(type, 'p1', { permissive: true }), simple(type, 'p2', { permissive: true }), simple(type, 't3'), simple(type, 't4')] });
    const id = await api.start(multi);
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'p1 broke' });
    await api.work(type, 'COMPLETED');
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 't3 broke' });
    let wf = await api.workflow(id);
    expect(wf['status']).toBe('FAILED');
    expect(statuses(wf)).toEqual([['p1', 'FAILED'], ['p2', 'COMPLETED'], ['t3', 'FAILED']]);
    await api.ok('POST', `/workflow/${id}/retry`);
    wf = await api.workflow(id);
    expect(wf).toMatchObject({ status: 'RUNNING', endTime: 0 });
    expect(wf['lastRetriedTime']).toBeGreaterThan(0);
    expect(wf['reasonForIncompletion']).toBeUndefined();
    expect(statuses(wf)).toEqual([['p1', 'FAILED'], ['p2', 'COMPLETED'], ['t3', 'FAILED'], ['p1', 'SCHEDULED'], ['t3', 'SCHEDULED']]);
    expect(wf['tasks'][3]).toMatchObject({ retryCount: 1, retriedTaskId: wf['tasks'][0]['taskId'] });
    expect(wf['tasks'][4]).toMatchObject({ retryCount: 1, retriedTaskId: wf['tasks'][2]['taskId'] });
    for (let i = 0; i < 2; i++) await api.work(type, 'COMPLETED');
    // Terminated while t4 was pending: the CANCELED attempt is retried too.
    await api.ok('DELETE', `/workflow/${id}?reason=stop`);
    wf = await api.workflow(id);
    expect(wf['tasks'].at(-1)).toMatchObject({ referenceTaskName: 't4', status: 'CANCELED' });
    await api.ok('POST', `/workflow/${id}/retry`);
    wf = await api.workflow(id);
    expect(wf['tasks'].slice(-2).map((t: Json) => [t['referenceTaskName'], t['status']])).toEqual([['t4', 'CANCELED'], ['t4', 'SCHEDULED']]);
    await api.work(type, 'COMPLETED');
    wf = await api.workflow(id);
    expect(wf['status']).toBe('COMPLETED');
    expect(statuses(wf)).toEqual([['p1', 'FAILED'], ['p2', 'COMPLETED'], ['t3', 'FAILED'], ['p1', 'COMPLETED'], ['t3', 'COMPLETED'], ['t4', 'CANCELED'], ['t4', 'COMPLETED']]);
  });

  it('D14 restart from FAILED and from COMPLETED: same id, createTime reset, lastRetriedTime/endTime 0, failed fields cleared', async () => {
    const id = await api.start(name, { a: 2 });
    await api.work(type, 'COMPLETED', { token: 'x' });
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'no' });
    await api.ok('POST', `/workflow/${id}/retry`);
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'again' });
    const failed = await api.workflow(id);
    expect(failed['status']).toBe('FAILED');
    await api.ok('POST', `/workflow/${id}/restart`);
    let wf = await api.workflow(id);
    expect(wf).toMatchObject({ workflowId: id, status: 'RUNNING', input: { a: 2 }, endTime: 0, lastRetriedTime: 0, output: {} });
    expect(wf['createTime']).toBeGreaterThan(failed['createTime']);
    expect(wf['reasonForIncompletion']).toBeUndefined();
    expect(statuses(wf)).toEqual([['t1', 'SCHEDULED']]);
    for (let i = 0; i < 3; i++) await api.work(type, 'COMPLETED', { v: i });
    expect((await api.workflow(id))['status']).toBe('COMPLETED');
    await api.ok('POST', `/workflow/${id}/restart`);
    wf = await api.workflow(id);
    expect(wf).toMatchObject({ status: 'RUNNING', output: {}, endTime: 0 });
    expect(statuses(wf)).toEqual([['t1', 'SCHEDULED']]);
  });

  it('D13 D14 restart keeps the id and starts over from the first task; 409 while running', async () => {
    const id = await api.start(name, { a: 1 });
    const refused = await api.post(`/workflow/${id}/restart`);
    expect(refused.status).toBe(409);
    await api.ok('DELETE', `/workflow/${id}?reason=x`);
    expect((await api.post(`/workflow/${id}/restart`)).status).toBe(204);
    const wf = await api.workflow(id);
    expect(wf).toMatchObject({ workflowId: id, status: 'RUNNING', input: { a: 1 }, endTime: 0, output: {} });
    expect(wf['reasonForIncompletion']).toBeUndefined();
    expect(statuses(wf)).toEqual([['t1', 'SCHEDULED']]);
  });

  it('D15 restart with useLatestDefinitions picks up a new version', async () => {
    const id = await api.start(name);
    for (let i = 0; i < 3; i++) await api.work(type, 'COMPLETED');
    await api.registerWorkflow({ name, version: 2, tasks: [simple(type, 't1'), simple(type, 'task_added')] });
    await api.ok('POST', `/workflow/${id}/restart?useLatestDefinitions=true`);
    await api.work(type, 'COMPLETED');
    await api.work(type, 'COMPLETED');
    const wf = await api.workflow(id);
    expect(wf).toMatchObject({ status: 'COMPLETED', workflowVersion: 2 });
    expect(statuses(wf)).toEqual([['t1', 'COMPLETED'], ['task_added', 'COMPLETED']]);
  });

  it('D15 restart without useLatestDefinitions reuses the stored snapshot even when a newer version exists', async () => {
    const id = await api.start(name);
    for (let i = 0; i < 3; i++) await api.work(type, 'COMPLETED');
    await api.registerWorkflow({ name, version: 2, tasks: [simple(type, 'only_in_v2')] });
    await api.ok('POST', `/workflow/${id}/restart?useLatestDefinitions=false`);
    for (let i = 0; i < 3; i++) await api.work(type, 'COMPLETED');
    const wf = await api.workflow(id);
    expect(wf).toMatchObject({ status: 'COMPLETED', workflowVersion: 1 });
    expect(statuses(wf)).toEqual([['t1', 'COMPLETED'], ['t2', 'COMPLETED'], ['t3', 'COMPLETED']]);
  });

  it('D16 restart of a COMPLETED non-restartable workflow is a 404', async () => {
    const pinned = unique('op_pinned');
    await api.registerWorkflow({ name: pinned, restartable: false, tasks: [simple(type, 'only')] });
    const id = await api.start(pinned);
    await api.work(type, 'COMPLETED');
    expect((await api.post(`/workflow/${id}/restart`)).status).toBe(404);
  });

  it('D18 D19 D20 D22 rerun from a task id resets it in place with new input; whole rerun starts over', async () => {
    const id = await api.start(name);
    expect((await api.post(`/workflow/${id}/rerun`, {})).status).toBe(409);
    for (let i = 0; i < 3; i++) await api.work(type, 'COMPLETED', { token: `t${i}` });
    const t2 = (await api.workflow(id))['tasks'][1];
    const reply = await api.post(`/workflow/${id}/rerun`, { reRunFromTaskId: t2['taskId'], taskInput: { fresh: 1 } });
    expect(reply).toMatchObject({ status: 200, text: id });
    let wf = await api.workflow(id);
    expect(statuses(wf)).toEqual([['t1', 'COMPLETED'], ['t2', 'SCHEDULED']]);
    expect(wf['tasks'][1]).toMatchObject({ taskId: t2['taskId'], inputData: { fresh: 1 }, pollCount: 0 });
    await api.work(type, 'COMPLETED');
    await api.work(type, 'COMPLETED');
    expect((await api.workflow(id))['status']).toBe('COMPLETED');
    const missing = await api.post(`/workflow/${id}/rerun`, { reRunFromTaskId: 'nope' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('Task nope not found');
    await api.ok('POST', `/workflow/${id}/rerun`, { workflowInput: { again: true }, correlationId: 'rerun-corr' });
    wf = await api.workflow(id);
    expect(wf).toMatchObject({ status: 'RUNNING', input: { again: true }, correlationId: 'rerun-corr' });
    expect(statuses(wf)).toEqual([['t1', 'SCHEDULED']]);
  });
  it('D19 rerun works on FAILED and COMPLETED runs, again and again; the failed names and reason are cleared', async () => {
    const id = await api.start(name);
    await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'first run broke' });
    let wf = await api.workflow(id);
    expect(wf).toMatchObject({ status: 'FAILED', failedReferenceTaskNames: ['t1'], failedTaskNames: [type] });
    expect((await api.post(`/workflow/${id}/rerun`, { reRunFromWorkflowId: id, reRunFromTaskId: wf['tasks'][0]['taskId'] })).text).toBe(id);
    wf = await api.workflow(id);
    expect(wf).toMatchObject({ workflowId: id, status: 'RUNNING', failedReferenceTaskNames: [], failedTaskNames: [] });
    expect(wf['reasonForIncompletion']).toBeUndefined();
    expect(wf['tasks'][0]).toMatchObject({ status: 'SCHEDULED', outputData: {}, pollCount: 0 });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 3; i++) await api.work(type, 'COMPLETED', { v: `${round}-${i}` });
      expect(await api.workflow(id)).toMatchObject({ status: 'COMPLETED', output: { last: `${round}-2` } });
      expect((await api.post(`/workflow/${id}/rerun`, { reRunFromWorkflowId: id })).text).toBe(id);
      wf = await api.workflow(id);
      expect(wf).toMatchObject({ workflowId: id, status: 'RUNNING', endTime: 0 });
      expect(statuses(wf)).toEqual([['t1', 'SCHEDULED']]);
    }
    await api.ok('DELETE', `/workflow/${id}`);
  });
});

describe('skip, jump, variables, remove', () => {
  it('D31 D32 skip a task not yet scheduled: a SKIPPED record with the query input/output, the flow passes over it', async () => {
    const id = await api.start(name);
    const skip = await api.put(`/workflow/${id}/skiptask/t2?taskInput=${encodeURIComponent('{"i":1}')}&taskOutput=${encodeURIComponent('{"token":"skipped"}')}`);
    expect(skip.status).toBe(200);
    expect((await api.put(`/workflow/${id}/skiptask/t1`)).status).toBe(500);
    expect((await api.put(`/workflow/${id}/skiptask/nope`)).status).toBe(500);
    await api.work(type, 'COMPLETED');
    await api.work(type, 'COMPLETED', { v: 'end' });
    const wf = await api.workflow(id);
    expect(statuses(wf)).toEqual([['t2', 'SKIPPED'], ['t1', 'COMPLETED'], ['t3', 'COMPLETED']]);
    expect(wf['tasks'][0]).toMatchObject({ taskType: type, inputData: { i: 1 }, outputData: { token: 'skipped' } });
    expect(wf['status']).toBe('COMPLETED');
  });

  it('jump [dev server, Orkes] to a later task, the target from ?taskReferenceName first', async () => {
    if (!hasOrkesApi(api)) return;
    const id = await api.start(name);
    const reply = await api.post(`/workflow/${id}/jump/%7BtaskReferenceName%7D?taskReferenceName=t3`, { extra: 'y' });
    expect(reply.status).toBe(200);
    const wf = await api.workflow(id);
    expect(wf['tasks'].find((t: Json) => t['status'] === 'SCHEDULED')).toMatchObject({ referenceTaskName: 't3', inputData: { extra: 'y' } });
    await api.work(type, 'COMPLETED', { v: 'jumped' });
    expect(await api.workflow(id)).toMatchObject({ status: 'COMPLETED', output: { last: 'jumped' } });
  });

  it('variables [dev server, Orkes] merge into the execution and are readable as ${workflow.variables.x}', async () => {
    if (!hasOrkesApi(api)) return;
    const varName = unique('op_vars');
    await api.registerWorkflow({ name: varName, tasks: [simple(type, 'a'), simple(type, 'b', { inputParameters: { v: '${workflow.variables.color}' } })] });
    const id = await api.start(varName);
    const reply = await api.post(`/workflow/${id}/variables`, { color: 'green' });
    expect(reply.body['variables']).toEqual({ color: 'green' });
    await api.work(type, 'COMPLETED');
    expect((await api.workflow(id))['tasks'][1]['inputData']).toEqual({ v: 'green' });
  });

  it('D33 remove: 400 for a running workflow with the default archive flag; afterwards 404', async () => {
    const id = await api.start(name);
    expect((await api.delete(`/workflow/${id}/remove`)).status).toBe(400);
    expect((await api.delete(`/workflow/${id}/remove?archiveWorkflow=false`)).status).toBe(200);
    expect((await api.get(`/workflow/${id}`)).status).toBe(404);
    const other = await api.start(name);
    expect((await api.delete(`/workflow/${other}/terminate-remove?reason=x`)).status).toBe(200);
    expect((await api.get(`/workflow/${other}`)).status).toBe(404);
    expect((await api.put('/workflow/no-such-id/pause')).status).toBe(404);
  });
});

describe('refused transitions (conductor-api.md §2.3)', () => {
  it('terminal executions: resetcallbacks 409, terminate-remove of COMPLETED 409, restart/rerun of running 409', async () => {
    const id = await api.start(name);
    expect((await api.post(`/workflow/${id}/rerun`, {})).status).toBe(409);
    for (let i = 0; i < 3; i++) await api.work(type, 'COMPLETED');
    expect((await api.post(`/workflow/${id}/resetcallbacks`)).status).toBe(409);
    expect((await api.delete(`/workflow/${id}/terminate-remove`)).status).toBe(409);
    expect((await api.get(`/workflow/${id}`)).status).toBe(200);
    for (const [method, path] of [['PUT', 'pause'], ['PUT', 'resume'], ['POST', 'retry'], ['POST', 'restart'], ['POST', 'resetcallbacks']] as const) {
      const reply = await api.call(method, `/workflow/unknown-id/${path}`);
      expect([path, reply.status, reply.body?.message]).toEqual([path, 404, 'No such workflow found by id: unknown-id']);
    }
  });
});

describe('reads, bulk, sync execution', () => {
  it('D34 H4 running ids per name and version; correlated executions', async () => {
    const a = await api.start(name, {}, '?correlationId=shared');
    const b = await api.start(name, {}, '?correlationId=shared');
    expect((await api.get(`/workflow/running/${name}?version=1`)).body).toEqual(expect.arrayContaining([a, b]));
    await api.ok('DELETE', `/workflow/${b}`);
    const open = (await api.get(`/workflow/${name}/correlated/shared`)).body as Json[];
    expect(open.map((w) => w['workflowId'])).toEqual([a]);
    const all = (await api.get(`/workflow/${name}/correlated/shared?includeClosed=true&includeTasks=true`)).body as Json[];
    expect(all.map((w) => w['workflowId']).sort()).toEqual([a, b].sort());
    expect(all[0]!['tasks'].length).toBeGreaterThan(0);
    const multi = (await api.post(`/workflow/${name}/correlated?includeClosed=true`, ['shared', 'none'])).body;
    expect(multi['shared']).toHaveLength(2);
    expect(multi['none']).toEqual([]);
  });

  it('bulk pause, resume, terminate, retry, restart, remove with per-id results', async () => {
    const a = await api.start(name);
    const b = await api.start(name);
    let reply = await api.put('/workflow/bulk/pause', [a, b, 'missing-id']);
    expect(reply.body.bulkSuccessfulResults.sort()).toEqual([a, b].sort());
    expect(Object.keys(reply.body.bulkErrorResults)).toEqual(['missing-id']);
    reply = await api.put('/workflow/bulk/resume', [a, b]);
    expect(reply.body.bulkSuccessfulResults).toHaveLength(2);
    reply = await api.post('/workflow/bulk/terminate?reason=bulk', [a, b]);
    expect((await api.workflow(a))).toMatchObject({ status: 'TERMINATED', reasonForIncompletion: 'bulk' });
    reply = await api.post('/workflow/bulk/retry', [a]);
    expect(reply.body.bulkSuccessfulResults).toEqual([a]);
    reply = await api.post('/workflow/bulk/restart', [b]);
    expect((await api.workflow(b))['status']).toBe('RUNNING');
    reply = await api.delete('/workflow/bulk/remove?archiveWorkflow=false', [a, b]);
    expect(reply.body.bulkSuccessfulResults).toHaveLength(2);
    expect((await api.get(`/workflow/${a}`)).status).toBe(404);
    expect((await api.put('/workflow/bulk/pause', [])).status).toBe(400);
  });

  it('state update [dev server, Orkes]: variables and a task result by reference, answering a WorkflowRun', async () => {
    if (!hasOrkesApi(api)) return;
    const id = await api.start(name);
    const reply = await api.post(`/workflow/${id}/state?requestId=r-9&waitUntilTaskRef=t1&waitForSeconds=5`, {
      taskReferenceName: 't1',
      taskResult: { status: 'COMPLETED', outputData: { token: 'via-state' } },
      variables: { step: 'one' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ workflowId: id, requestId: 'r-9', status: 'RUNNING', variables: { step: 'one' } });
    expect(reply.body.tasks.map((t: Json) => [t['referenceTaskName'], t['status']])).toEqual([['t1', 'COMPLETED'], ['t2', 'SCHEDULED']]);
    expect(reply.body.tasks[1]['inputData']).toEqual({ from1: 'via-state' });
  });

  it('sync execution (POST /workflow/execute/{name}/{version}) waits for the end, or for a task ref', async () => {
    const worker = (async () => {
      for (let i = 0; i < 3; i++) {
        const task = await api.pollOne(type);
        if (task) await api.ok('POST', '/tasks', { workflowInstanceId: task['workflowInstanceId'], taskId: task['taskId'], status: 'COMPLETED', outputData: { v: i } });
      }
    })();
    const reply = await api.post(`/workflow/execute/${name}/0?requestId=r-1&waitForSeconds=10`, { input: { q: 1 } });
    await worker;
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'COMPLETED', targetWorkflowStatus: 'COMPLETED', requestId: 'r-1', output: { last: 2 }, input: { q: 1 } });
    const partial = api.post(`/workflow/execute/${name}/1?waitUntilTaskRef=t1&waitForSeconds=10`, { input: {} });
    await new Promise((r) => setTimeout(r, 50));
    await api.work(type, 'COMPLETED');
    const early = await partial;
    expect(early.body).toMatchObject({ status: 'RUNNING' });
    expect(early.body.tasks.map((t: Json) => t['referenceTaskName'])).toEqual(['t1', 't2']);
    const timeout = await api.post(`/workflow/execute/${name}/1?waitForSeconds=1`, { input: {} });
    expect(timeout.body).toMatchObject({ status: 'RUNNING', signalTimeout: true });
  });
});
