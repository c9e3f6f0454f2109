/**
 * /api/metadata/workflow against the dev server (or CONDUCTOR_TEST_URL). Sources
 * (conductor-oss/conductor b54f0d4): R = rest/.../controllers/MetadataResource.java,
 * S = core/.../service/MetadataServiceImpl.java, D = sqlite-persistence/.../SqliteWorkflowMetadataDAO.java,
 * MD = core/.../dao/MetadataDAO.java, W = common/.../workflow/WorkflowDef.java, WT = WorkflowTask.java.
 */
import { describe, expect, it } from 'vitest';
import { uniqueName, useTestServerApi } from './api-client.js';

const { api } = useTestServerApi();

const simple = (ref: string, extra: Record<string, unknown> = {}) => ({ name: ref, taskReferenceName: ref, ...extra });
const wf = (name: string, extra: Record<string, unknown> = {}) => ({ name, tasks: [simple('a')], ...extra });

describe('workflow defs: create and read', () => {
  it('POST answers 200 empty; GET fills WorkflowDef defaults and sets only createTime (S.registerWorkflowDef)', async () => {
    const name = uniqueName('wf');
    const res = await api('POST', '/metadata/workflow', { body: wf(name, { createdBy: 'me', updateTime: 7 }) });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const def = (await api('GET', `/metadata/workflow/${name}`)).json();
    expect(def).toMatchObject({
      name,
      version: 1,
      inputParameters: [],
      outputParameters: {},
      schemaVersion: 2,
      restartable: true,
      workflowStatusListenerEnabled: false,
      timeoutPolicy: 'ALERT_ONLY',
      timeoutSeconds: 0,
      variables: {},
      inputTemplate: {},
      enforceSchema: true,
      metadata: {},
      maskedFields: [],
      createdBy: 'me', // stored as the client sent it
      updateTime: 7,
    });
    expect(def.createTime).toBeGreaterThan(0);
    expect(def).not.toHaveProperty('description');
    expect(def).not.toHaveProperty('failureWorkflow');
  });

  it('every WorkflowTask at any depth gets its defaults (WT field initializers): forkTasks, decisionCases, defaultCase, loopOver', async () => {
    const name = uniqueName('wf');
    const body = {
      name,
      tasks: [
        { name: 'fork', taskReferenceName: 'fork', type: 'FORK_JOIN', forkTasks: [[simple('f1')], [simple('f2')]] },
        { name: 'join', taskReferenceName: 'join', type: 'JOIN', joinOn: ['f1', 'f2'] },
        {
          name: 'sw',
          taskReferenceName: 'sw',
          type: 'SWITCH',
          evaluatorType: 'value-param',
          expression: 'x',
          decisionCases: { a: [simple('c1')] },
          defaultCase: [simple('d1')],
        },
        { name: 'loop', taskReferenceName: 'loop', type: 'DO_WHILE', loopCondition: 'false', loopOver: [simple('l1')] },
      ],
    };
    expect((await api('POST', '/metadata/workflow', { body })).status).toBe(200);
    const def = (await api('GET', `/metadata/workflow/${name}`)).json();
    const defaults = {
      inputParameters: {},
      type: 'SIMPLE',
      decisionCases: {},
      defaultCase: [],
      forkTasks: [],
      startDelay: 0,
      joinOn: [],
      optional: false,
      defaultExclusiveJoinTask: [],
      asyncComplete: false,
      loopOver: [],
      onStateChange: {},
      permissive: false,
      metadata: {},
    };
    expect(def.tasks[0].forkTasks[0][0]).toEqual({ name: 'f1', taskReferenceName: 'f1', ...defaults });
    expect(def.tasks[0].forkTasks[1][0]).toEqual({ name: 'f2', taskReferenceName: 'f2', ...defaults });
    expect(def.tasks[2].decisionCases.a[0]).toEqual({ name: 'c1', taskReferenceName: 'c1', ...defaults });
    expect(def.tasks[2].defaultCase[0]).toEqual({ name: 'd1', taskReferenceName: 'd1', ...defaults });
    expect(def.tasks[3].loopOver[0]).toEqual({ name: 'l1', taskReferenceName: 'l1', ...defaults });
    expect(def.tasks[1]).toMatchObject({ type: 'JOIN', joinOn: ['f1', 'f2'], forkTasks: [] });
  });

  it('POST of an existing name+version is 409 "Workflow with N.V already exists!" (R.create, D.createWorkflowDef)', async () => {
    const name = uniqueName('wf');
    await api('POST', '/metadata/workflow', { body: wf(name) });
    const res = await api('POST', '/metadata/workflow', { body: wf(name, { version: 1, description: 'again' }) });
    expect(res.status).toBe(409);
    expect(res.json()).toMatchObject({ status: 409, message: `Workflow with ${name}.1 already exists!`, retryable: false });
  });

  it('the 409 check runs before validation (R.create looks the def up first)', async () => {
    const name = uniqueName('wf');
    await api('POST', '/metadata/workflow', { body: wf(name) });
    const res = await api('POST', '/metadata/workflow', { body: { name, tasks: [] } });
    expect(res.status).toBe(409);
  });

  it('POST with overwrite=true replaces: updateTime=now and the stored createTime is not kept (S.updateWorkflowDef)', async () => {
    const name = uniqueName('wf');
    await api('POST', '/metadata/workflow', { body: wf(name) });
    const res = await api('POST', '/metadata/workflow?overwrite=true', { body: wf(name, { description: 'v2' }) });
    expect(res.status).toBe(200);
    const def = (await api('GET', `/metadata/workflow/${name}`)).json();
    expect(def.description).toBe('v2');
    expect(def.createTime).toBe(0);
    expect(def.updateTime).toBeGreaterThan(0);
  });

  it('a version is never auto-incremented: a def without one is version 1 (W.version = 1)', async () => {
    const name = uniqueName('wf');
    await api('POST', '/metadata/workflow', { body: wf(name, { version: 3 }) });
    await api('POST', '/metadata/workflow', { body: wf(name) });
    const versions = (await api('GET', `/metadata/workflow/${name}/versions`)).json() as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([1, 3]);
  });

  it('GET without version is the highest version, not the newest written (D.getLatestWorkflowDef)', async () => {
    const name = uniqueName('wf');
    await api('POST', '/metadata/workflow', { body: wf(name, { version: 5, description: 'five' }) });
    await api('POST', '/metadata/workflow', { body: wf(name, { version: 2, description: 'two' }) });
    expect((await api('GET', `/metadata/workflow/${name}`)).json().version).toBe(5);
    expect((await api('GET', `/metadata/workflow/${name}?version=2`)).json().description).toBe('two');
  });

  it('GET of an unknown def is 404 "No such workflow found by name: X, version: null" (S.getWorkflowDef)', async () => {
    const name = uniqueName('wf');
    const res = await api('GET', `/metadata/workflow/${name}`);
    expect(res.status).toBe(404);
    expect(res.json().message).toBe(`No such workflow found by name: ${name}, version: null`);
    expect((await api('GET', `/metadata/workflow/${name}?version=4`)).json().message).toBe(`No such workflow found by name: ${name}, version: 4`);
  });
});

describe('workflow defs: PUT (bulk)', () => {
  it('creates or replaces each item and answers a BulkResponse (S.updateWorkflowDef(List))', async () => {
    const a = uniqueName('wf');
    const b = uniqueName('wf');
    await api('POST', '/metadata/workflow', { body: wf(a) });
    const res = await api('PUT', '/metadata/workflow', { body: [wf(a, { description: 'replaced' }), wf(b, { version: 2 })] });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ bulkErrorResults: {}, bulkSuccessfulResults: [a, b] });
    expect((await api('GET', `/metadata/workflow/${a}`)).json().description).toBe('replaced');
    expect((await api('GET', `/metadata/workflow/${b}?version=2`)).status).toBe(200);
  });

  it('one invalid item makes the whole request 400 and stores nothing (List<@Valid WorkflowDef> in MetadataService)', async () => {
    const a = uniqueName('wf');
    const res = await api('PUT', '/metadata/workflow', { body: [wf(a), { name: uniqueName('wf'), tasks: [] }] });
    expect(res.status).toBe(400);
    expect(res.json().validationErrors.map((e: { message: string }) => e.message)).toEqual(['WorkflowTask list cannot be empty']);
    expect((await api('GET', `/metadata/workflow/${a}`)).status).toBe(404);
  });

  it('an empty array is 400 "WorkflowDefList is empty"', async () => {
    const res = await api('PUT', '/metadata/workflow', { body: [] });
    expect(res.status).toBe(400);
    expect(res.json().validationErrors[0].message).toBe('WorkflowDefList is empty');
  });
});

describe('workflow defs: lists', () => {
  it('GET all has every version sorted by name then version (D.getAllWorkflowDefs ORDER BY name, version)', async () => {
    const prefix = uniqueName('wfsort');
    for (const [n, v] of [['b', 2], ['a', 3], ['b', 1], ['a', 1]] as const) {
      await api('POST', '/metadata/workflow', { body: wf(`${prefix}_${n}`, { version: v }) });
    }
    const all = (await api('GET', '/metadata/workflow')).json() as { name: string; version: number }[];
    const mine = all.filter((d) => d.name.startsWith(prefix)).map((d) => `${d.name.slice(prefix.length + 1)}@${d.version}`);
    expect(mine).toEqual(['a@1', 'a@3', 'b@1', 'b@2']);
  });

  it('latest-versions, names, names-and-versions and {name}/versions (MD.getWorkflowNames/getWorkflowVersions, S.getWorkflowNamesAndVersions)', async () => {
    const name = uniqueName('wflist');
    await api('POST', '/metadata/workflow', { body: wf(name, { version: 1 }) });
    await api('PUT', '/metadata/workflow', { body: [wf(name, { version: 4 })] });
    const latest = (await api('GET', '/metadata/workflow/latest-versions')).json() as { name: string; version: number }[];
    expect(latest.filter((d) => d.name === name).map((d) => d.version)).toEqual([4]);
    expect((await api('GET', '/metadata/workflow/names')).json()).toContain(name);
    const nv = (await api('GET', '/metadata/workflow/names-and-versions')).json()[name] as Record<string, unknown>[];
    expect(nv.map((s) => s['version'])).toEqual([1, 4]);
    expect(Object.keys(nv[0]!).sort()).toEqual(['createTime', 'name', 'updateTime', 'version']);
    expect(nv[1]).toMatchObject({ createTime: 0 }); // a PUT-created version has no createTime
    const versions = (await api('GET', `/metadata/workflow/${name}/versions`)).json() as Record<string, unknown>[];
    expect(versions).toEqual([
      { name, version: 1, createTime: nv[0]!['createTime'] },
      { name, version: 4, createTime: 0 },
    ]);
  });

  it('classifier filters by WorkflowClassifier.classifierOf(metadata) (R.getAll)', async () => {
    const plain = uniqueName('wfcls');
    const agent = uniqueName('wfcls');
    await api('POST', '/metadata/workflow', { body: wf(plain) });
    await api('POST', '/metadata/workflow', { body: wf(agent, { metadata: { agent_sdk: 'x' } }) });
    const agents = ((await api('GET', '/metadata/workflow?classifier=AGENT')).json() as { name: string }[]).map((d) => d.name);
    const workflows = ((await api('GET', '/metadata/workflow?classifier=workflow')).json() as { name: string }[]).map((d) => d.name);
    expect(agents).toContain(agent);
    expect(agents).not.toContain(plain);
    expect(workflows).toContain(plain);
    expect(workflows).not.toContain(agent);
  });
});

describe('workflow defs: delete', () => {
  it('DELETE name/version removes it; latest moves to the remaining maximum (D.removeWorkflowDef)', async () => {
    const name = uniqueName('wfdel');
    await api('POST', '/metadata/workflow', { body: wf(name, { version: 1 }) });
    await api('POST', '/metadata/workflow', { body: wf(name, { version: 2 }) });
    const res = await api('DELETE', `/metadata/workflow/${name}/2`);
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect((await api('GET', `/metadata/workflow/${name}`)).json().version).toBe(1);
  });

  it('DELETE of an absent version is 404 "No such workflow definition: N version: V" (D.removeWorkflowDef)', async () => {
    const name = uniqueName('wfdel');
    const res = await api('DELETE', `/metadata/workflow/${name}/9`);
    expect(res.status).toBe(404);
    expect(res.json().message).toBe(`No such workflow definition: ${name} version: 9`);
  });
});
