/** `conductor plan` through the built CLI (issue 4): the three views, exit codes, and errors. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { closedServerUrl, unique, useRepoCli } from './reconcile-harness.js';

const t = useRepoCli();

describe('conductor plan', () => {
  it('shows the changes on stdout, progress on stderr, and exits 0 (2 with --detailed-exitcode)', async () => {
    const name = unique('charge');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name, retryCount: 1 });
    const plain = await t.cli('plan');
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout).toContain(`+ create taskDef/${name} (new)`);
    expect(plain.stdout).toContain('Plan: 1 to create, 0 to update, 0 to delete.');
    expect(plain.stderr).toContain('reading definitions and');
    expect((await t.cli('plan', '--detailed-exitcode')).exitCode).toBe(2);
  });

  it('exits 0 with --detailed-exitcode when nothing changes', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name });
    expect((await t.cli('apply', '--auto-approve')).exitCode).toBe(0);
    const result = await t.cli('plan', '--detailed-exitcode');
    expect([result.exitCode, result.stdout]).toEqual([0, expect.stringContaining('No changes')]);
  });

  it('prints the plan document with --json and saves it with --out', async () => {
    const name = unique('t');
    t.repo.writeDefinition(`tasks/${name}.yaml`, { name });
    const result = await t.cli('plan', '--json', '--out', 'plan.json');
    expect(result.exitCode).toBe(0);
    const document = JSON.parse(result.stdout) as { formatVersion: number; changes: { key: { name: string } }[] };
    expect(document.formatVersion).toBe(1);
    expect(document.changes.map((c) => c.key.name)).toEqual([name]);
    expect(JSON.parse(readFileSync(join(t.repo.dir, 'plan.json'), 'utf8'))).toEqual(document);
  });

  it('prints a pull-request comment with --markdown', async () => {
    const name = unique('flow');
    t.repo.writeDefinition(`workflows/${name}.yaml`, { name, version: 1, tasks: [{ name: 'a', taskReferenceName: 'a_ref' }] });
    const result = await t.cli('plan', '--markdown');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`| \`workflowDef/${name}@1\` | create | new |`);
  });

  it('exits 3 with diagnostics for invalid definitions, before talking to the server', async () => {
    t.repo.writeDefinition('workflows/bad.yaml', { name: unique('bad'), version: 1, tasks: [] });
    const result = await runCli(['plan', '--server', await closedServerUrl()], { cwd: t.repo.dir, env: { HOME: t.repo.dir } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('definitions/workflows/bad.yaml');
    expect(result.stderr).toContain('[DEF_SCHEMA]');
    expect(result.stdout).toBe('');
  });

  it('exits 1 with a clear message when the server is down, and never prints credentials', async () => {
    t.repo.writeDefinition('tasks/t.yaml', { name: unique('t') });
    const url = await closedServerUrl();
    const result = await runCli(['plan', '--server', url, '--auth-key', 'key-id-1234', '--auth-secret', 'very-secret-value'], {
      cwd: t.repo.dir,
      env: { HOME: t.repo.dir },
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`cannot reach ${url}: connection refused — is it running? (\`conductor server start\`)`);
    expect(result.stdout + result.stderr).not.toMatch(/very-secret-value|key-id-1234/);
  });

  it('rejects conflicting output flags with exit 4', async () => {
    const result = await t.cli('plan', '--json', '--markdown');
    expect(result.exitCode).toBe(4);
    expect(existsSync(join(t.repo.dir, 'plan.json'))).toBe(false);
  });
});
