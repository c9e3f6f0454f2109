/** `conductor apply` through the built CLI (issue 4): confirmation, progress, saved plans, partial failure. */
import { describe, expect, it } from 'vitest';
import { startFailingProxy } from '../integration/app/failing-proxy.js';
import { cliIn, unique, useRepoCli } from './reconcile-harness.js';

const t = useRepoCli();

describe('conductor apply', () => {
  it('refuses without a terminal and without --auto-approve (exit 5), changing nothing', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name });
    const result = await t.cli('apply');
    expect(result.exitCode).toBe(5);
    expect(result.stdout).toContain(`+ create taskDef/${name}`);
    expect(result.stderr).toContain('Pass --auto-approve');
    expect((await t.cli('plan', '--detailed-exitcode')).exitCode).toBe(2);
  });

  it('applies with --auto-approve: progress lines on stderr, summary on stdout', async () => {
    const [task, flow] = [unique('t'), unique('flow')];
    t.repo.writeDefinition(`tasks/${task}.yaml`, { name: task });
    t.repo.writeDefinition(`workflows/${flow}.yaml`, { name: flow, version: 1, tasks: [{ name: task, taskReferenceName: 'a' }] });
    const result = await t.cli('apply', '--auto-approve');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Level 1/2: 1 change');
    expect(result.stderr).toMatch(new RegExp(`\\+ created taskDef/${task} \\(\\d+ ms\\)`));
    expect(result.stderr).toMatch(new RegExp(`\\+ created workflowDef/${flow}@1`));
    expect(result.stdout).toMatch(/Apply complete: 2 applied, 0 failed, 0 skipped in \d+/);
    expect((await t.cli('apply', '--yes')).stdout).toContain('No changes.');
  });

  it('applies a saved plan, and refuses it once stale (exit 1)', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name, retryCount: 1 });
    expect((await t.cli('plan', '--out', 'plan.json')).exitCode).toBe(0);
    const applied = await t.cli('apply', 'plan.json', '--auto-approve');
    expect([applied.exitCode, applied.stdout]).toEqual([0, expect.stringContaining('1 applied')]);

    t.repo.writeDefinition(`tasks/${name}.yaml`, { name, retryCount: 2 });
    expect((await t.cli('plan', '--out', 'plan.json')).exitCode).toBe(0);
    await fetch(`${t.server.url}/metadata/taskdefs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ name, retryCount: 7 }]) });
    const stale = await t.cli('apply', 'plan.json', '--auto-approve');
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain('plan.json is stale');
  });

  it('exits 1 with a report when a change fails, and prints one JSON document with --json', async () => {
    const proxy = await startFailingProxy(t.server.url);
    try {
      const [ok, bad] = [unique('ok'), unique('bad')];
      t.repo.writeDefinition(`workflows/${ok}.yaml`, { name: ok, version: 1, tasks: [{ name: 'a', taskReferenceName: 'a' }] });
      t.repo.writeDefinition(`tasks/${bad}.yaml`, { name: bad });
      proxy.rules.push((r) => (r.method === 'POST' && r.url.endsWith('/metadata/taskdefs') ? { kind: 'respond', status: 400, body: { status: 400, message: 'nope' } } : undefined));
      const result = await cliIn(t.repo, proxy.url)('apply', '--auto-approve', '--json');
      expect(result.exitCode).toBe(1);
      const document = JSON.parse(result.stdout) as { apply: { summary: unknown; failed: { key: string; error: string }[] } };
      expect(document.apply.summary).toEqual({ applied: 1, failed: 1, skipped: 0 });
      expect(document.apply.failed[0]).toMatchObject({ key: `taskDef/${bad}`, error: expect.stringContaining('failed with 400: nope') });
      expect(result.stderr).toContain('1 of 2 changes were not applied');
    } finally {
      await proxy.close();
    }
  });

  it('validates --parallelism (exit 4)', async () => {
    expect((await t.cli('apply', '--parallelism', '0', '--auto-approve')).exitCode).toBe(4);
  });
});
