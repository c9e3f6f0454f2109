/** Plan → apply → plan against the dev server: order, bumps, bulk reads, bookkeeping kept out of the plan (issue 4). */
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../src/app/apply.js';
import { planChanges } from '../../../src/app/plan.js';
import { STATE_WORKFLOW_NAME } from '../../../src/app/ownership.js';
import { unique, useHarness } from './app-harness.js';

const t = useHarness();

describe('plan → apply → plan', () => {
  it('creates task defs and workflows in dependency order, then plans nothing', async () => {
    const task = unique('charge');
    const child = unique('child');
    const parent = unique('parent');
    t.repo.writeDefinition(`tasks/${task}.yaml`, { name: task, retryCount: 2, responseTimeoutSeconds: 30, timeoutSeconds: 60 });
    t.repo.writeDefinition(`workflows/${child}.yaml`, { name: child, version: 1, tasks: [{ name: task, taskReferenceName: 'charge_ref' }] });
    t.repo.writeDefinition(`workflows/${parent}.yaml`, {
      name: parent,
      version: 1,
      tasks: [{ name: 'sub', taskReferenceName: 'sub_ref', type: 'SUB_WORKFLOW', subWorkflowParam: { name: child, version: 1 } }],
    });
    const first = await planChanges(t.harness.options());
    expect(first.plan.summary).toMatchObject({ create: 3, update: 0, delete: 0 });

    const result = await applyChanges(t.harness.options());
    expect(result.failed).toEqual([]);
    expect(result.applied.map((c) => c.key.name)).toEqual([task, child, parent]);
    const levels = t.harness.events.filter((e) => e.type === 'level');
    expect(levels).toHaveLength(3);
    expect(result.recordWritten).toBe(true);

    const second = await planChanges(t.harness.options());
    expect(second.plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
  });

  it('bumps a changed workflow to the next version, and a re-apply is a no-op', async () => {
    const name = unique('flow');
    const write = (description: string) =>
      t.repo.writeDefinition(`workflows/${name}.yaml`, { name, version: 1, description, tasks: [{ name: 'a', taskReferenceName: 'a_ref' }] });
    write('first');
    await applyChanges(t.harness.options());
    write('second');
    const result = await applyChanges(t.harness.options());
    expect(result.applied.map((c) => [c.key.version, c.action, c.reason])).toEqual([[2, 'create', 'content-changed-bumped']]);
    const again = await applyChanges(t.harness.options());
    expect(again.applied).toEqual([]);
  });

  it('reads the server with a constant number of requests', async () => {
    for (let i = 0; i < 20; i++) t.repo.writeDefinition(`tasks/t${i}.yaml`, { name: unique(`t${i}`) });
    await applyChanges(t.harness.options());
    t.harness.requests.length = 0;
    await planChanges(t.harness.options());
    expect(t.harness.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /metadata/taskdefs', 'GET /metadata/workflow']);
  });

  it('keeps its bookkeeping out of the plan', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name });
    await applyChanges(t.harness.options());
    const { plan } = await planChanges(t.harness.options());
    expect(plan.changes.map((c) => c.key.name)).not.toContain(STATE_WORKFLOW_NAME);
  });
});
