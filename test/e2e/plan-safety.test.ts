/**
 * Issue 4's safety items through the built CLI: `--target`, the impact counts of running and
 * paused executions in the plan, prune never deleting a version with running executions
 * unless `--force`, and no secret in a plan file or its output (dev server with auth).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { stringify } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { callServer, unique, useRepoCli } from './reconcile-harness.js';

const t = useRepoCli();

const call = (method: string, path: string, body?: unknown) => callServer(t.server.url, method, path, body);

/** A workflow whose only task no worker polls, so its executions stay RUNNING. */
const stuckFlow = (name: string, description: string) => ({ name, version: 1, description, tasks: [{ name: 'nobody_polls_this', taskReferenceName: 'a' }] });

describe('--target', () => {
  it('limits plan and apply to the target and what it needs, with a warning', async () => {
    const [used, other, flow] = [unique('used'), unique('other'), unique('flow')];
    t.repo.writeDefinition(`tasks/${used}.yaml`, { name: used });
    t.repo.writeDefinition(`tasks/${other}.yaml`, { name: other });
    t.repo.writeDefinition(`workflows/${flow}.yaml`, { name: flow, version: 1, tasks: [{ name: used, taskReferenceName: 'u' }] });
    const plan = await t.cli('plan', '--target', `workflowDef/${flow}`);
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`+ create taskDef/${used}`);
    expect(plan.stdout).toContain(`+ create workflowDef/${flow}@1`);
    expect(plan.stdout).not.toContain(other);
    expect(plan.stderr).toContain('[TARGETED_PLAN]');

    const applied = await t.cli('apply', '--target', `workflowDef/${flow}`, '--auto-approve');
    expect([applied.exitCode, applied.stdout]).toEqual([0, expect.stringContaining('2 applied')]);
    const rest = await t.cli('plan');
    expect(rest.stdout).toContain('Plan: 1 to create, 0 to update, 0 to delete.');
    expect(rest.stdout).toContain(`+ create taskDef/${other}`);
  });

  it('refuses a malformed target (exit 3) and warns about one that matches nothing', async () => {
    t.repo.writeDefinition(`tasks/${unique('t')}.yaml`, { name: unique('t') });
    const bad = await t.cli('plan', '--target', 'flow');
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toContain('[TARGET_INVALID]');
    const unmatched = await t.cli('plan', '--target', 'taskDef/no_such_task_anywhere');
    expect(unmatched.stderr).toContain('[TARGET_UNMATCHED]');
  });
});

describe('impact and prune', () => {
  it('shows RUNNING and PAUSED executions per version of a changed workflow', async () => {
    const flow = unique('impact');
    t.repo.writeDefinition(`workflows/${flow}.yaml`, stuckFlow(flow, 'first'));
    expect((await t.cli('apply', '--auto-approve')).exitCode).toBe(0);
    const ids = [await call('POST', `/workflow/${flow}`, {}), await call('POST', `/workflow/${flow}`, {}), await call('POST', `/workflow/${flow}`, {})];
    await call('PUT', `/workflow/${ids[0]}/pause`);
    t.repo.writeDefinition(`workflows/${flow}.yaml`, stuckFlow(flow, 'second'));
    const plan = await t.cli('plan');
    expect(plan.stdout).toContain(`+ create workflowDef/${flow}@2`);
    expect(plan.stdout).toContain('executions: 2 running, 1 paused on @1 (they keep version 1)');
    const json = JSON.parse((await t.cli('plan', '--json')).stdout) as { changes: { key: { name: string }; executions?: unknown }[] };
    expect(json.changes.find((c) => c.key.name === flow)?.executions).toEqual({ RUNNING: 2, PAUSED: 1 });
    for (const id of ids) await call('DELETE', `/workflow/${id}?reason=test`);
  });

  it('prune keeps a workflow version with running executions unless --force', async () => {
    const prefix = unique('pr');
    t.repo.writeFile('environments/test.yaml', stringify({ server: { url: t.server.url }, prune: { include: [`${prefix}_*`] } }));
    const [keep, flow] = [`${prefix}_keep`, `${prefix}_flow`];
    t.repo.writeDefinition(`tasks/${keep}.yaml`, { name: keep });
    t.repo.writeDefinition(`workflows/${flow}.yaml`, stuckFlow(flow, 'x'));
    expect((await t.cli('apply', '--profile', 'test', '--auto-approve')).exitCode).toBe(0);
    const id = await call('POST', `/workflow/${flow}`, {});
    t.repo.remove(`definitions/workflows/${flow}.yaml`);

    const kept = await t.cli('apply', '--profile', 'test', '--prune', '--auto-approve');
    expect(kept.exitCode, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('No changes');
    expect(kept.stderr).toMatch(new RegExp(`workflowDef/${flow}@1 is not deleted: it has 1 running and 0 paused executions`));
    expect(await call('GET', `/metadata/workflow/${flow}?version=1`)).toContain(flow);

    const forced = await t.cli('apply', '--profile', 'test', '--prune', '--force', '--auto-approve');
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(`- delete workflowDef/${flow}@1`);
    expect((await fetch(`${t.server.url}/metadata/workflow/${flow}?version=1`)).status).toBe(404);
    await call('DELETE', `/workflow/${id}?reason=test`);
  });

  it('prune refuses to delete anything when the repo has no definitions', async () => {
    const prefix = unique('empty');
    t.repo.writeFile('environments/test.yaml', stringify({ server: { url: t.server.url }, prune: { include: [`${prefix}_*`] } }));
    t.repo.writeDefinition(`tasks/${prefix}_t.yaml`, { name: `${prefix}_t` });
    expect((await t.cli('apply', '--profile', 'test', '--auto-approve')).exitCode).toBe(0);
    t.repo.remove(`definitions/tasks/${prefix}_t.yaml`);
    // An empty definitions/ is refused as a repo problem before prune is even considered.
    const result = await t.cli('apply', '--profile', 'test', '--prune', '--auto-approve');
    expect(result.exitCode).toBe(3);
    expect(result.stdout).not.toContain('delete');
    expect(result.stderr).toMatch(/\[(DEF_NONE_FOUND|PRUNE_EMPTY_DESIRED)\]/);
    expect(await call('GET', `/metadata/taskdefs/${prefix}_t`)).toContain(`${prefix}_t`);
  });
});

describe('secrets (dev server only: it needs known credentials)', () => {
  const credentials = { keyId: 'plan-key-4410', keySecret: 'plan-secret-77ad' };
  let secured: TestServer;
  beforeAll(async () => {
    secured = await startTestServer({ forceDevServer: true, auth: credentials });
  });
  afterAll(async () => secured?.close());

  it('a plan file and the output hold no key, secret or token', async () => {
    t.repo.writeFile('environments/orkes.yaml', stringify({ server: { url: secured.url, type: 'Enterprise' }, auth: { keyIdEnv: 'ORKES_KEY', keySecretEnv: 'ORKES_SECRET' } }));
    t.repo.writeDefinition(`tasks/${unique('t')}.yaml`, { name: unique('t') });
    const env = { HOME: join(t.repo.dir, '.home'), ORKES_KEY: credentials.keyId, ORKES_SECRET: credentials.keySecret };
    const plan = await runCli(['plan', '--profile', 'orkes', '--out', 'plan.json', '--json'], { cwd: t.repo.dir, env });
    expect(plan.exitCode, plan.stderr).toBe(0);
    const applied = await runCli(['apply', 'plan.json', '--profile', 'orkes', '--auto-approve', '--json'], { cwd: t.repo.dir, env });
    expect(applied.exitCode, applied.stderr).toBe(0);
    const everything = [plan.stdout, plan.stderr, applied.stdout, applied.stderr, readFileSync(join(t.repo.dir, 'plan.json'), 'utf8')].join('\n');
    expect(everything).not.toMatch(new RegExp(`${credentials.keyId}|${credentials.keySecret}|eyJhbGciOi`));
  });
});
