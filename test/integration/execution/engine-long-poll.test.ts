/**
 * Issue 5 item 3: real long polling and exclusive hand-out. A worker waiting in a batch poll
 * gets a newly scheduled task within milliseconds; concurrent pollers never share a task.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Api, openApi, simple, unique, type Json } from './harness.js';

let api: Api;
beforeAll(async () => {
  api = await openApi();
});
afterAll(async () => {
  await api.server.close();
});

it('A2 a waiting long poll receives a task scheduled after it started, within milliseconds', async () => {
  const type = unique('lp_task');
  const name = unique('lp_wf');
  await api.registerWorkflow({ name, tasks: [simple(type, 'a')] });
  let polledAt = 0;
  const poll = api.get(`/tasks/poll/batch/${type}?count=1&timeout=4000&workerid=w`).then((reply) => {
    polledAt = performance.now();
    return reply;
  });
  // Poll data is recorded as the poll arrives, and its claim-or-wait unit is queued in the same tick,
  // so every later request's unit runs after the poll is waiting.
  await api.pollerArrived(type, 'w');
  const id = await api.start(name);
  const startedAt = performance.now();
  const reply = await poll;
  expect(reply.body).toHaveLength(1);
  expect(reply.body[0]).toMatchObject({ workflowInstanceId: id, status: 'IN_PROGRESS' });
  // The scheduling commit releases both answers: the poll is not waiting for its timeout
  // or a next round, whatever the disk's speed.
  expect(Math.abs(polledAt - startedAt)).toBeLessThan(100);
});

it('A2 a long poll with nothing arriving waits for its timeout and answers []', async () => {
  const started = Date.now();
  const reply = await api.get(`/tasks/poll/batch/${unique('lp_none')}?count=1&timeout=400`);
  expect(reply.body).toEqual([]);
  expect(Date.now() - started).toBeGreaterThanOrEqual(350);
});

it('A2 concurrent pollers never receive the same task', async () => {
  const type = unique('lp_many');
  const name = unique('lp_many_wf');
  await api.registerWorkflow({ name, tasks: [simple(type, 'a')] });
  const pollers = Array.from({ length: 8 }, () => api.get(`/tasks/poll/batch/${type}?count=3&timeout=1500`));
  for (let i = 0; i < 20; i++) await api.start(name);
  const replies = await Promise.all(pollers);
  const seen: string[] = replies.flatMap((r) => (r.body as Json[]).map((t) => t['taskId'] as string));
  const rest = (await api.get(`/tasks/poll/batch/${type}?count=50&timeout=100`)).body as Json[];
  const all = [...seen, ...rest.map((t) => t['taskId'] as string)];
  expect(new Set(all).size).toBe(all.length);
  expect(all).toHaveLength(20);
});

it('update-v2 answers the next task of the same type, or 204', async () => {
  const type = unique('lp_v2');
  const name = unique('lp_v2_wf');
  await api.registerWorkflow({ name, tasks: [simple(type, 'a')] });
  await api.start(name);
  await api.start(name);
  const first = await api.pollOne(type, 'w1');
  const next = await api.post('/tasks/update-v2', { workflowInstanceId: first!['workflowInstanceId'], taskId: first!['taskId'], status: 'COMPLETED', workerId: 'w1' });
  expect(next.status).toBe(200);
  expect(next.body).toMatchObject({ taskType: type, status: 'IN_PROGRESS', workerId: 'w1' });
  expect(next.body.taskId).not.toBe(first!['taskId']);
  const none = await api.post('/tasks/update-v2', { workflowInstanceId: next.body.workflowInstanceId, taskId: next.body.taskId, status: 'COMPLETED', workerId: 'w1' });
  expect(none.status).toBe(204);
});

it('H8 queue sizes and poll data', async () => {
  const type = unique('lp_q');
  const name = unique('lp_q_wf');
  await api.registerWorkflow({ name, tasks: [simple(type, 'a')] });
  await api.start(name);
  await api.start(name);
  expect((await api.get(`/tasks/queue/sizes?taskType=${type}`)).body).toEqual({ [type]: 2 });
  await api.get(`/tasks/poll/batch/${type}?count=1&workerid=poller-7`);
  const pollData = (await api.get(`/tasks/queue/polldata?taskType=${type}`)).body as Json[];
  expect(pollData[0]).toMatchObject({ queueName: type, workerId: 'poller-7' });
  expect((await api.get('/tasks/queue/all')).body[type]).toBe(1);
  expect((await api.post(`/tasks/queue/requeue/${type}`)).text).toBe('1');
});

it('a long poll whose client went away is handed nothing: the task stays queued for the next worker', async () => {
  const type = unique('lp_gone');
  const name = unique('lp_gone_wf');
  await api.registerWorkflow({ name, tasks: [simple(type, 'a')] });
  const controller = new AbortController();
  const abandoned = fetch(`${api.server.url}/tasks/poll/batch/${type}?count=1&timeout=3000&workerid=gone`, { signal: controller.signal }).catch(() => undefined);
  await api.pollerArrived(type, 'gone');
  controller.abort();
  await abandoned;
  await new Promise((r) => setTimeout(r, 100));
  const id = await api.start(name);
  expect((await api.workflow(id))['tasks'][0]['status']).toBe('SCHEDULED');
  const next = await api.pollOne(type);
  expect(next).toMatchObject({ workflowInstanceId: id, pollCount: 1 });
});

it('taskToDomain: a task with a domain is queued as domain:type and polled with ?domain=', async () => {
  const type = unique('lp_dom');
  const name = unique('lp_dom_wf');
  await api.registerWorkflow({ name, tasks: [simple(type, 'a')] });
  const id = (await api.post('/workflow', { name, version: 1, input: {}, taskToDomain: { '*': 'blue' } })).text;
  expect((await api.workflow(id))['tasks'][0]['domain']).toBe('blue');
  expect((await api.get(`/tasks/poll/batch/${type}?count=1&timeout=100`)).body).toEqual([]);
  expect((await api.get(`/tasks/queue/size?taskType=${type}&domain=blue`)).body).toBe(1);
  const polled = (await api.get(`/tasks/poll/batch/${type}?count=1&timeout=100&domain=blue`)).body as Json[];
  expect(polled).toHaveLength(1);
  expect(polled[0]).toMatchObject({ workflowInstanceId: id, domain: 'blue' });
});
