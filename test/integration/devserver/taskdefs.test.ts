/**
 * /api/metadata/taskdefs against the dev server (or CONDUCTOR_TEST_URL). Each expectation
 * names the Conductor source it comes from (conductor-oss/conductor b54f0d4):
 * R = rest/.../controllers/MetadataResource.java, S = core/.../service/MetadataServiceImpl.java,
 * D = sqlite-persistence/.../SqliteTaskMetadataDAO.java, M = common/.../tasks/TaskDef.java.
 */
import { describe, expect, it } from 'vitest';
import { uniqueName, useTestServerApi } from './api-client.js';

const { api } = useTestServerApi();

describe('task defs', () => {
  it('POST an array answers 200 with an empty body and no content type (R.registerTaskDef is void)', async () => {
    const name = uniqueName('td');
    const res = await api('POST', '/metadata/taskdefs', { body: [{ name }] });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(res.contentType).toBeNull();
  });

  it('GET one fills every default of TaskDef.java and the server fields of S.registerTaskDef', async () => {
    const name = uniqueName('td');
    const before = Date.now();
    await api('POST', '/metadata/taskdefs', { body: [{ name, ownerEmail: 'a@b.c' }] });
    const res = await api('GET', `/metadata/taskdefs/${name}`);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    const def = res.json();
    expect(def).toMatchObject({
      name,
      ownerEmail: 'a@b.c',
      retryCount: 3,
      timeoutSeconds: 0,
      totalTimeoutSeconds: 0,
      inputKeys: [],
      outputKeys: [],
      runtimeMetadata: [],
      timeoutPolicy: 'TIME_OUT_WF',
      retryLogic: 'FIXED',
      retryDelaySeconds: 60,
      responseTimeoutSeconds: 3600,
      inputTemplate: {},
      rateLimitPerFrequency: 0, // M.getRateLimitPerFrequency: null → 0
      rateLimitFrequencyInSeconds: 1, // M.getRateLimitFrequencyInSeconds: null → 1
      backoffScaleFactor: 1,
      maxRetryDelaySeconds: 0,
      backoffJitterMs: 0,
      taskStatusListenerEnabled: true,
      enforceSchema: false,
      createdBy: '', // WorkflowContext client app of a REST thread
      updateTime: 0, // S.registerTaskDef clears it; Auditable.getUpdateTime: null → 0
    });
    expect(def.createTime).toBeGreaterThanOrEqual(before - 5_000);
    // NON_NULL: unset optional fields are absent, not null (ObjectMapperProvider).
    for (const absent of ['description', 'concurrentExecLimit', 'pollTimeoutSeconds', 'updatedBy', 'ownerApp', 'inputSchema']) {
      expect(def, absent).not.toHaveProperty(absent);
    }
  });

  it('drops properties TaskDef does not have (FAIL_ON_UNKNOWN_PROPERTIES=false, ObjectMapperProvider)', async () => {
    const name = uniqueName('td');
    await api('POST', '/metadata/taskdefs', { body: [{ name, tags: [{ key: 'a', value: 'b' }], bogus: 1 }] });
    const def = (await api('GET', `/metadata/taskdefs/${name}`)).json();
    expect(def).not.toHaveProperty('tags');
    expect(def).not.toHaveProperty('bogus');
  });

  it('POST of an existing name is an upsert that resets createTime and clears updatedBy (S.registerTaskDef, D.insertOrUpdateTaskDef)', async () => {
    const name = uniqueName('td');
    await api('POST', '/metadata/taskdefs', { body: [{ name, retryCount: 1 }] });
    await api('PUT', '/metadata/taskdefs', { body: { name, retryCount: 2 } });
    const afterPut = (await api('GET', `/metadata/taskdefs/${name}`)).json();
    expect(afterPut.updatedBy).toBe('');
    await new Promise((r) => setTimeout(r, 5));
    const res = await api('POST', '/metadata/taskdefs', { body: [{ name, retryCount: 5 }] });
    expect(res.status).toBe(200);
    const def = (await api('GET', `/metadata/taskdefs/${name}`)).json();
    expect(def.retryCount).toBe(5);
    expect(def.createTime).toBeGreaterThan(afterPut.createTime);
    expect(def.updateTime).toBe(0);
    expect(def).not.toHaveProperty('updatedBy');
  });

  it('PUT keeps createTime/createdBy and sets updateTime/updatedBy (S.updateTaskDef)', async () => {
    const name = uniqueName('td');
    await api('POST', '/metadata/taskdefs', { body: [{ name }] });
    const created = (await api('GET', `/metadata/taskdefs/${name}`)).json();
    const res = await api('PUT', '/metadata/taskdefs', { body: { name, description: 'changed', createTime: 1, createdBy: 'someone' } });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const def = (await api('GET', `/metadata/taskdefs/${name}`)).json();
    expect(def).toMatchObject({ description: 'changed', createTime: created.createTime, createdBy: '', updatedBy: '' });
    expect(def.updateTime).toBeGreaterThanOrEqual(created.createTime);
  });

  it('PUT of an unknown name is 404 "No such task by name X" (S.updateTaskDef)', async () => {
    const name = uniqueName('td');
    const res = await api('PUT', '/metadata/taskdefs', { body: { name } });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, message: `No such task by name ${name}`, retryable: false });
  });

  it('GET of an unknown name is 404 "No such taskType found by name: X" (S.getTaskDef)', async () => {
    const name = uniqueName('td');
    const res = await api('GET', `/metadata/taskdefs/${name}`);
    expect(res.status).toBe(404);
    expect(res.json().message).toBe(`No such taskType found by name: ${name}`);
  });

  it('DELETE removes, and a second DELETE is 404 "No such task definition" (D.removeTaskDef)', async () => {
    const name = uniqueName('td');
    await api('POST', '/metadata/taskdefs', { body: [{ name }] });
    const first = await api('DELETE', `/metadata/taskdefs/${name}`);
    expect(first.status).toBe(200);
    expect(first.text).toBe('');
    expect((await api('GET', `/metadata/taskdefs/${name}`)).status).toBe(404);
    const second = await api('DELETE', `/metadata/taskdefs/${name}`);
    expect(second.status).toBe(404);
    expect(second.json().message).toBe('No such task definition');
  });

  it('GET all lists registered defs, several from one POST (R.getTaskDefs)', async () => {
    const a = uniqueName('td');
    const b = uniqueName('td');
    await api('POST', '/metadata/taskdefs', { body: [{ name: a }, { name: b, description: 'b' }] });
    const all = (await api('GET', '/metadata/taskdefs')).json() as { name: string; description?: string }[];
    expect(all.find((d) => d.name === a)).toBeDefined();
    expect(all.find((d) => d.name === b)?.description).toBe('b');
  });

  it('an explicit null for a primitive becomes 0 and for a list is left out (FAIL_ON_NULL_FOR_PRIMITIVES=false, setters)', async () => {
    const name = uniqueName('td');
    await api('POST', '/metadata/taskdefs', { body: [{ name, retryCount: null, inputKeys: null, rateLimitPerFrequency: null }] });
    const def = (await api('GET', `/metadata/taskdefs/${name}`)).json();
    expect(def.retryCount).toBe(0);
    expect(def).not.toHaveProperty('inputKeys');
    expect(def.rateLimitPerFrequency).toBe(0);
  });

  it('numbers in strings are coerced (Jackson ALLOW_COERCION_OF_SCALARS)', async () => {
    const name = uniqueName('td');
    const res = await api('POST', '/metadata/taskdefs', { body: [{ name, retryCount: '7', timeoutSeconds: 100, responseTimeoutSeconds: '50' }] });
    expect(res.status).toBe(200);
    expect((await api('GET', `/metadata/taskdefs/${name}`)).json()).toMatchObject({ retryCount: 7, responseTimeoutSeconds: 50 });
  });
});
