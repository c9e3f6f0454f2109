/**
 * Issue 5 item 5: workflow search (summary and v2) and task search over HTTP, with the SQLite
 * index query rules (conductor-api.md §5; engine-behaviour J1-J4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, openApi, simple, unique, type Json } from './harness.js';

let api: Api;
let type: string;
let name: string;
const ids: string[] = [];

beforeAll(async () => {
  api = await openApi();
  type = unique('se_task');
  name = unique('se_wf');
  await api.registerTaskDefs({ name: type, retryCount: 0 });
  await api.registerWorkflow({ name, tasks: [simple(type, 't1')] });
  for (let i = 0; i < 3; i++) {
    ids.push(await api.start(name, { n: i, label: `Needle-${i}` }, `?correlationId=corr-${i}`));
    await new Promise((r) => setTimeout(r, 5));
  }
  await api.work(type, 'COMPLETED', { out: 'x' });
  await api.work(type, 'FAILED', {}, { reasonForIncompletion: 'nope' });
});
afterAll(async () => {
  await api.server.close();
});

const search = async (params: string) => (await api.ok('GET', `/workflow/search?${params}`)).body as { totalHits: number; results: Json[] };

describe('workflow search', () => {
  it('J1 by type, by status IN (...), by id with either quote style, by correlation id', async () => {
    expect((await search(`query=${encodeURIComponent(`workflowType IN (${name})`)}`)).totalHits).toBe(3);
    const byStatus = await search(`query=${encodeURIComponent(`workflowType='${name}' AND status IN (COMPLETED,FAILED)`)}`);
    expect(byStatus.totalHits).toBe(2);
    expect(byStatus.results.map((r) => r['status']).sort()).toEqual(['COMPLETED', 'FAILED']);
    expect((await search(`query=${encodeURIComponent(`workflowId="${ids[1]}"`)}`)).results.map((r) => r['workflowId'])).toEqual([ids[1]]);
    expect((await search(`query=${encodeURIComponent(`workflowId='${ids[2]}'`)}`)).totalHits).toBe(1);
    expect((await search(`query=${encodeURIComponent(`correlationId = 'corr-0' AND workflowType = '${name}'`)}`)).totalHits).toBe(1);
  });

  it('J1 startTime ranges in epoch ms', async () => {
    const first = await api.workflow(ids[0]!);
    const q = `workflowType IN (${name}) AND startTime>${first['createTime']} AND startTime<${Date.now() + 60_000}`;
    expect((await search(`query=${encodeURIComponent(q)}`)).totalHits).toBe(2);
  });

  it('J2 paging with start/size, totalHits is the full count, sort field:DIR; size over 5000 is a 400', async () => {
    const q = encodeURIComponent(`workflowType IN (${name})`);
    const page1 = await search(`query=${q}&start=0&size=2&sort=startTime:ASC`);
    const page2 = await search(`query=${q}&start=2&size=2&sort=startTime:ASC`);
    expect(page1.totalHits).toBe(3);
    expect(page1.results.map((r) => r['workflowId'])).toEqual([ids[0], ids[1]]);
    expect(page2.results.map((r) => r['workflowId'])).toEqual([ids[2]]);
    const desc = await search(`query=${q}&sort=startTime:DESC`);
    expect(desc.results[0]!['workflowId']).toBe(ids[2]);
    const tooBig = await api.get(`/workflow/search?size=5001`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.message).toBe('Cannot return more than 5000 workflows. Please use pagination.');
  });

  it('J3 WorkflowSummary shape: ISO times, input/output as strings, failedReferenceTaskNames joined', async () => {
    const failed = (await search(`query=${encodeURIComponent(`workflowType IN (${name}) AND status IN (FAILED)`)}`)).results[0]!;
    expect(failed).toMatchObject({ workflowType: name, version: 1, status: 'FAILED', failedReferenceTaskNames: 't1', failedTaskNames: [type], priority: 0 });
    expect(failed['startTime']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(failed['endTime']).toMatch(/Z$/);
    expect(typeof failed['input']).toBe('string');
    expect(failed['reasonForIncompletion']).toContain('nope');
    const running = (await search(`query=${encodeURIComponent(`workflowType IN (${name}) AND status IN (RUNNING)`)}`)).results[0]!;
    expect(running['endTime']).toBeUndefined();
  });

  it('freeText is a case-insensitive substring match; unknown fields are ignored; a bad time is a 500', async () => {
    expect((await search(`query=${encodeURIComponent(`workflowType IN (${name})`)}&freeText=needle-1`)).totalHits).toBe(1);
    expect((await search(`query=${encodeURIComponent(`workflowType IN (${name}) AND madeUp=1`)}`)).totalHits).toBe(3);
    expect((await api.get(`/workflow/search?query=${encodeURIComponent('startTime>abc')}`)).status).toBe(500);
  });

  it('search-v2 returns full executions without tasks', async () => {
    const v2 = (await api.ok('GET', `/workflow/search-v2?query=${encodeURIComponent(`workflowId='${ids[0]}'`)}`)).body;
    expect(v2.totalHits).toBe(1);
    expect(v2.results[0]).toMatchObject({ workflowId: ids[0], workflowName: name, tasks: [], input: { n: 0, label: 'Needle-0' } });
  });
});

describe('task search', () => {
  it('J4 by taskType and status; search-v2 gives full tasks', async () => {
    const reply = (await api.ok('GET', `/tasks/search?query=${encodeURIComponent(`taskType='${type}' AND status IN (COMPLETED,FAILED)`)}&sort=updateTime:DESC`)).body;
    expect(reply.totalHits).toBe(2);
    expect(reply.results[0]).toMatchObject({ taskType: type, taskDefName: type, workflowType: name });
    expect(reply.results[0]['scheduledTime']).toMatch(/Z$/);
    expect(typeof reply.results[0]['input']).toBe('string');
    const v2 = (await api.ok('GET', `/tasks/search-v2?query=${encodeURIComponent(`taskType='${type}' AND status='SCHEDULED'`)}`)).body;
    expect(v2.totalHits).toBe(1);
    expect(v2.results[0]).toMatchObject({ taskType: type, status: 'SCHEDULED', referenceTaskName: 't1' });
    expect(v2.results[0]['workflowTask']).toMatchObject({ taskReferenceName: 't1' });
  });
});

describe('search by tasks', () => {
  it('search-by-tasks finds the executions whose tasks match, as summaries (v2: executions)', async () => {
    const reply = (await api.ok('GET', `/workflow/search-by-tasks?query=${encodeURIComponent(`taskType='${type}' AND status IN (FAILED)`)}`)).body;
    expect(reply.totalHits).toBe(1);
    expect(reply.results[0]).toMatchObject({ workflowType: name, status: 'FAILED' });
    const v2 = (await api.ok('GET', `/workflow/search-by-tasks-v2?query=${encodeURIComponent(`taskType='${type}'`)}&sort=updateTime:DESC`)).body;
    expect(v2.totalHits).toBe(3);
    expect(v2.results.map((w: Json) => w['workflowId']).sort()).toEqual([...ids].sort());
  });
});
