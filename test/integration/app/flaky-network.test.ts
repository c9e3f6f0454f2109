/** Apply over a misbehaving network (a failing proxy): exact reports, retries without duplicates, convergence (issue 4 item 7). */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyChanges } from '../../../src/app/apply.js';
import { planChanges } from '../../../src/app/plan.js';
import { keyId } from '../../../src/core/model.js';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import { createHarness, createTempRepo, type TempRepo } from './app-harness.js';
import { startFailingProxy, type FailingProxy } from './failing-proxy.js';

let server: TestServer;
let proxy: FailingProxy;
let repo: TempRepo;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());
beforeEach(async () => {
  proxy = await startFailingProxy(server.url);
  repo = createTempRepo();
});
afterEach(async () => {
  await proxy.close();
  repo.cleanup();
});

const unique = (base: string) => `${base}_${Math.random().toString(36).slice(2, 8)}`;

async function versionsOnServer(name: string): Promise<number[]> {
  const all = (await (await fetch(`${server.url}/metadata/workflow`)).json()) as { name: string; version: number }[];
  return all.filter((w) => w.name === name).map((w) => w.version).sort();
}

describe('apply through a failing network', () => {
  it('reports applied, failed and skipped exactly, and a re-run converges', async () => {
    const [task, child, parent, solo] = [unique('t'), unique('child'), unique('parent'), unique('solo')];
    repo.writeDefinition(`tasks/${task}.yaml`, { name: task });
    repo.writeDefinition(`workflows/${child}.yaml`, { name: child, version: 1, tasks: [{ name: task, taskReferenceName: 'a' }] });
    repo.writeDefinition(`workflows/${parent}.yaml`, {
      name: parent,
      version: 1,
      tasks: [{ name: 's', taskReferenceName: 's', type: 'SUB_WORKFLOW', subWorkflowParam: { name: child, version: 1 } }],
    });
    repo.writeDefinition(`workflows/${solo}.yaml`, { name: solo, version: 1, tasks: [{ name: 'x', taskReferenceName: 'x' }] });
    // The child's registration always fails (503 outlasts the retries); everything else works.
    const namesIn = (body: string) => (JSON.parse(body || '[]') as { name?: string }[]).map((def) => def.name);
    proxy.rules.push((r) => (r.method === 'PUT' && namesIn(r.body).includes(child) ? { kind: 'respond', status: 503 } : undefined));
    const harness = createHarness(repo, proxy.url);

    const result = await applyChanges(harness.options());
    expect(result.applied.map((c) => c.key.name).sort()).toEqual([solo, task].sort());
    expect(result.failed.map((f) => f.change.key.name)).toEqual([child]);
    expect(result.failed[0]!.error.message).toMatch(/PUT .*\/api\/metadata\/workflow failed with 503/);
    expect(result.skipped.map((s) => [s.change.key.name, s.blockedBy])).toEqual([[parent, [`workflowDef/${child}@1`]]]);

    proxy.rules.length = 0;
    const rerun = await applyChanges(harness.options());
    expect(rerun.failed).toEqual([]);
    expect(rerun.applied.map((c) => keyId(c.key))).toEqual([`workflowDef/${child}@1`, `workflowDef/${parent}@1`]);
    const { plan } = await planChanges(harness.options());
    expect(plan.changes.every((c) => c.action === 'no-op')).toBe(true);
  });

  it('retries lost answers and transient errors without registering anything twice', async () => {
    const names = Array.from({ length: 6 }, (_, i) => unique(`w${i}`));
    for (const name of names) repo.writeDefinition(`workflows/${name}.yaml`, { name, version: 1, tasks: [{ name: 'a', taskReferenceName: 'a' }] });
    repo.writeDefinition('tasks/t.yaml', { name: unique('task') });
    let writes = 0;
    proxy.rules.push((r) => {
      if (r.method === 'GET') return undefined;
      writes++;
      if (writes === 1) return { kind: 'drop-after-forward' }; // the server acted, the client never heard
      if (writes === 2) return { kind: 'respond', status: 502 };
      return undefined;
    });
    const harness = createHarness(repo, proxy.url);
    const result = await applyChanges(harness.options());
    expect(result.failed).toEqual([]);
    for (const name of names) expect(await versionsOnServer(name)).toEqual([1]);
    const { plan } = await planChanges(harness.options());
    expect(plan.changes.every((c) => c.action === 'no-op')).toBe(true);
  });

  it('bisects a batch the server rejects as invalid, so only the bad definition fails', async () => {
    const good = Array.from({ length: 5 }, (_, i) => unique(`good${i}`));
    const bad = unique('bad');
    for (const name of good) repo.writeDefinition(`tasks/${name}.yaml`, { name });
    repo.writeDefinition(`tasks/${bad}.yaml`, { name: bad });
    proxy.rules.push((r) => (r.method === 'POST' && r.body.includes(bad) ? { kind: 'respond', status: 400, body: { status: 400, message: 'Validation failed, check below errors for detail.', validationErrors: [{ path: 'registerTaskDef.arg0[0].name', message: 'name is bad' }] } } : undefined));
    const harness = createHarness(repo, proxy.url);
    const result = await applyChanges(harness.options());
    expect(result.failed.map((f) => f.change.key.name)).toEqual([bad]);
    expect(result.failed[0]!.error.message).toContain('name is bad');
    expect(result.applied.map((c) => c.key.name).sort()).toEqual([...good].sort());
  });
});
