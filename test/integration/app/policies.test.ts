/** Prune scope and ownership, the in-place policy and the confirmation hook, against the dev server (issue 4 items 5 and 9). */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyChanges } from '../../../src/app/apply.js';
import { planChanges } from '../../../src/app/plan.js';
import { CliError, UsageError } from '../../../src/errors.js';
import { callServer, unique, useHarness, type Harness } from './app-harness.js';

const t = useHarness();

function writeEnvironment(fields: Record<string, unknown>): void {
  t.repo.writeFile('environments/test.yaml', stringify({ server: { url: t.server.url }, ...fields }));
}

const withProfile = (extra: Parameters<Harness['options']>[0] = {}) => t.harness.options({ flags: { profile: 'test' }, ...extra });

const call = (method: string, path: string, body?: unknown) => callServer(t.server.url, method, path, body);

describe('prune', () => {
  it('deletes only owned definitions in scope that the repo dropped, workflows before their task defs', async () => {
    const prefix = unique('p');
    writeEnvironment({ prune: { include: [`${prefix}_*`] } });
    const [keep, gone, flow] = [`${prefix}_keep`, `${prefix}_gone`, `${prefix}_flow`];
    t.repo.writeDefinition(`tasks/${keep}.yaml`, { name: keep });
    t.repo.writeDefinition(`tasks/${gone}.yaml`, { name: gone });
    t.repo.writeDefinition(`workflows/${flow}.yaml`, { name: flow, version: 1, tasks: [{ name: gone, taskReferenceName: 'g' }] });
    await applyChanges(withProfile());
    const foreign = `${prefix}_foreign`;
    await call('POST', '/metadata/taskdefs', [{ name: foreign }]); // in scope, not ours
    t.repo.remove(`definitions/tasks/${gone}.yaml`);
    t.repo.remove(`definitions/workflows/${flow}.yaml`);

    const { plan } = await planChanges(withProfile({ prune: true }));
    expect(plan.changes.filter((c) => c.action === 'delete').map((c) => c.key.name).sort()).toEqual([flow, gone].sort());
    expect(plan.diagnostics.map((d) => d.code)).toContain('PRUNE_NOT_OWNED');

    const result = await applyChanges(withProfile({ prune: true }));
    expect(result.applied.map((c) => c.key.name)).toEqual([flow, gone]);
    expect((await planChanges(withProfile({ prune: true }))).plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    expect(await call('GET', `/metadata/taskdefs/${foreign}`)).toContain(foreign);
  });

  it('needs an environment to know the scope', async () => {
    t.repo.writeDefinition('tasks/t.yaml', { name: unique('t') });
    await expect(planChanges(t.harness.options({ prune: true }))).rejects.toBeInstanceOf(UsageError);
  });
});

describe('in-place versioning', () => {
  it('refuses to overwrite a version with running executions unless allowed', async () => {
    writeEnvironment({ versioning: 'in-place' });
    const name = unique('inplace');
    const write = (description: string) =>
      t.repo.writeDefinition(`workflows/${name}.yaml`, { name, version: 1, description, tasks: [{ name: 'no_worker_polls_this', taskReferenceName: 'a' }] });
    write('first');
    await applyChanges(withProfile());
    await call('POST', `/workflow/${name}`, {}); // an execution that stays RUNNING: no worker polls its task
    write('second');

    const { plan } = await planChanges(withProfile());
    const change = plan.changes.find((c) => c.key.name === name)!;
    expect([change.action, change.executions]).toEqual(['update', { RUNNING: 1, PAUSED: 0 }]);
    const refused = await applyChanges(withProfile()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).code).toBe('INPLACE_HAS_EXECUTIONS');

    const result = await applyChanges(withProfile({ allowInplace: true }));
    expect(result.applied.map((c) => [c.key.version, c.action])).toEqual([[1, 'update']]);
  });
});

describe('confirmation', () => {
  it('asks once with the plan, and changes nothing when declined', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name });
    const asked: number[] = [];
    await expect(
      applyChanges(t.harness.options({ confirm: async (plan) => (asked.push(plan.summary.create), false) })),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(asked).toEqual([1]);
    expect((await planChanges(t.harness.options())).plan.summary.create).toBe(1);
  });
});
