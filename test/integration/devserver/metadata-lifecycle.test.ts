/**
 * engine-behaviour.md I1 ★, end to end over HTTP: the metadata lifecycle a UI and a GitOps
 * tool rely on. Sources (conductor-oss/conductor b54f0d4): R = rest/.../controllers/MetadataResource.java,
 * S = core/.../service/MetadataServiceImpl.java; Conductor's own tests: HTTP testAll,
 * testUpdateWorkflow, testMetadataWorkflowDefinition, e2e MetadataClientTests.
 */
import { describe, expect, it } from 'vitest';
import { uniqueName, useTestServerApi } from './api-client.js';

const { api } = useTestServerApi();

const AUDIT = ['createTime', 'updateTime', 'createdBy', 'updatedBy', 'ownerApp'];
const withoutAudit = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k]) => !AUDIT.includes(k)));

describe('I1: metadata registration, versions, reads and deletes', () => {
  it('I1: POST taskdefs takes a list; POST workflow registers version 1 with schemaVersion 2; PUT adds a version; GET latest and ?version; DELETE one version; the lists', async () => {
    const taskNames = [uniqueName('i1_task'), uniqueName('i1_task')];
    const taskDefs = taskNames.map((name) => ({ name, retryCount: 2, responseTimeoutSeconds: 30 }));
    expect((await api('POST', '/metadata/taskdefs', { body: taskDefs })).status).toBe(200);
    for (const def of taskDefs) {
      const stored = (await api('GET', `/metadata/taskdefs/${def.name}`)).json();
      expect(stored).toMatchObject(def);
    }
    const all = (await api('GET', '/metadata/taskdefs')).json() as { name: string }[];
    expect(all.map((d) => d.name)).toEqual(expect.arrayContaining(taskNames));

    const name = uniqueName('i1_wf');
    const task = { name: taskNames[0], taskReferenceName: 'first_ref', type: 'SIMPLE' };
    expect((await api('POST', '/metadata/workflow', { body: { name, tasks: [task] } })).status).toBe(200);
    const v1 = (await api('GET', `/metadata/workflow/${name}`)).json();
    expect(v1).toMatchObject({ name, version: 1, schemaVersion: 2 });

    // PUT with a list creates or replaces each (name, version): that is how version 2 is added.
    const v2Body = { name, version: 2, schemaVersion: 2, description: 'second', tasks: [task, { ...task, name: taskNames[1], taskReferenceName: 'second_ref' }] };
    expect((await api('PUT', '/metadata/workflow', { body: [v2Body] })).status).toBe(200);
    const latest = (await api('GET', `/metadata/workflow/${name}`)).json();
    expect(latest.version).toBe(2);
    expect((await api('GET', `/metadata/workflow/${name}?version=1`)).json().version).toBe(1);

    // The fetched def equals what was registered, except for audit fields (and server defaults).
    const again = (await api('GET', `/metadata/workflow/${name}?version=2`)).json();
    expect(withoutAudit(again)).toMatchObject(v2Body);

    const versions = (await api('GET', `/metadata/workflow/${name}/versions`)).json() as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const namesAndVersions = (await api('GET', '/metadata/workflow/names-and-versions')).json() as Record<string, { version: number }[]>;
    expect(namesAndVersions[name]!.map((v) => v.version)).toEqual([1, 2]);
    expect((await api('GET', '/metadata/workflow/names')).json()).toContain(name);
    const everyVersion = (await api('GET', '/metadata/workflow')).json() as { name: string; version: number }[];
    expect(everyVersion.filter((d) => d.name === name).map((d) => d.version)).toEqual([1, 2]);

    // DELETE removes one version; the latest moves to the remaining maximum.
    expect((await api('DELETE', `/metadata/workflow/${name}/2`)).status).toBe(200);
    expect((await api('GET', `/metadata/workflow/${name}`)).json().version).toBe(1);
    expect((await api('GET', `/metadata/workflow/${name}?version=2`)).status).toBe(404);
  });
});
