/** Drift (changed outside git) and saved plans going stale, against the dev server (issue 4 items 7 and 10). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../src/app/apply.js';
import { planChanges } from '../../../src/app/plan.js';
import { serializePlan } from '../../../src/core/plan-document.js';
import { StalePlanError, UsageError } from '../../../src/errors.js';
import { unique, useHarness } from './app-harness.js';

const t = useHarness();

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${t.server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

describe('drift', () => {
  it('reports a task def changed on the server as drift, and apply restores it', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name, retryCount: 1 });
    await applyChanges(t.harness.options());
    await call('POST', '/metadata/taskdefs', [{ name, retryCount: 9 }]);

    const { plan } = await planChanges(t.harness.options());
    const change = plan.changes.find((c) => c.key.name === name)!;
    expect([change.action, change.reason]).toEqual(['update', 'drift']);
    await applyChanges(t.harness.options());
    const restored = (await call('GET', `/metadata/taskdefs/${name}`)) as { retryCount: number };
    expect(restored.retryCount).toBe(1);
  });

  it('reports a workflow edited on the server (metadata kept, as the UI does) as drift', async () => {
    const name = unique('w');
    t.repo.writeDefinition(`workflows/${name}.yaml`, { name, version: 1, tasks: [{ name: 'a', taskReferenceName: 'a_ref' }] });
    await applyChanges(t.harness.options());
    const stored = (await call('GET', `/metadata/workflow/${name}?version=1`)) as Record<string, unknown>;
    await call('PUT', '/metadata/workflow', [{ ...stored, description: 'edited in the UI' }]);

    const { plan } = await planChanges(t.harness.options());
    const change = plan.changes.find((c) => c.key.name === name)!;
    expect(change.reason).toBe('drift');
  });

  it('reports a repo change as a content change, not drift', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name, retryCount: 1 });
    await applyChanges(t.harness.options());
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name, retryCount: 2 });
    const { plan } = await planChanges(t.harness.options());
    expect(plan.changes.find((c) => c.key.name === name)!.reason).toBe('content-changed');
  });
});

describe('saved plans', () => {
  function savePlan(plan: Parameters<typeof serializePlan>[0]): string {
    writeFileSync(join(t.repo.dir, 'plan.json'), serializePlan(plan));
    return 'plan.json';
  }

  it('applies exactly the saved plan', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name });
    const planFile = savePlan((await planChanges(t.harness.options())).plan);
    t.repo.writeDefinition(`tasks/${unique('later')}.yaml`, { name: unique('later') }); // not in the saved plan
    const result = await applyChanges(t.harness.options({ planFile }));
    expect(result.applied.map((c) => c.key.name)).toEqual([name]);
  });

  it('goes stale after an out-of-band change to a resource it touches', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name, retryCount: 1 });
    await applyChanges(t.harness.options());
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name, retryCount: 2 });
    const planFile = savePlan((await planChanges(t.harness.options())).plan);
    await call('POST', '/metadata/taskdefs', [{ name, retryCount: 5 }]);

    const error = await applyChanges(t.harness.options({ planFile })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StalePlanError);
    expect((error as StalePlanError).message).toContain(`taskDef/${name}`);
  });

  it('stays valid when only a resource it leaves alone (a no-op) changed meanwhile', async () => {
    const kept = unique('kept');
    const added = unique('t');
    t.repo.writeDefinition(`tasks/${kept}.yaml`, { name: kept, retryCount: 1 });
    await applyChanges(t.harness.options());
    t.repo.writeDefinition(`tasks/${added}.yaml`, { name: added });
    const planFile = savePlan((await planChanges(t.harness.options())).plan);
    await call('POST', '/metadata/taskdefs', [{ name: kept, retryCount: 5 }]);

    const applied = (await applyChanges(t.harness.options({ planFile }))).applied.map((c) => c.key.name);
    expect(applied).toContain(added);
    expect(applied).not.toContain(kept);
  });

  it('goes stale when a resource it would create appeared meanwhile', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name });
    const planFile = savePlan((await planChanges(t.harness.options())).plan);
    await call('POST', '/metadata/taskdefs', [{ name }]);
    await expect(applyChanges(t.harness.options({ planFile }))).rejects.toBeInstanceOf(StalePlanError);
  });

  it('refuses a plan made for another environment', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name });
    const { plan } = await planChanges(t.harness.options());
    const planFile = savePlan({ ...plan, environment: 'production' });
    await expect(applyChanges(t.harness.options({ planFile }))).rejects.toMatchObject({ code: 'PLAN_ENVIRONMENT_MISMATCH' });
    await expect(applyChanges(t.harness.options({ planFile: 'missing.json' }))).rejects.toBeInstanceOf(UsageError);
  });
});
