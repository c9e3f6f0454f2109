/** The export and version-bump use cases against the dev server (issue 4 items 5 and 11). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyChanges } from '../../../src/app/apply.js';
import { exportDefinitions } from '../../../src/app/export.js';
import { planChanges } from '../../../src/app/plan.js';
import { bumpVersions } from '../../../src/app/version-bump.js';
import { createHarness, createTempRepo, unique, useHarness } from './app-harness.js';

const t = useHarness();

async function seedServer(): Promise<void> {
  const seed = createTempRepo();
  const task = unique('task');
  seed.writeDefinition('tasks/t.yaml', { name: task, retryCount: 5, timeoutSeconds: 120, responseTimeoutSeconds: 60, inputKeys: ['a'] });
  seed.writeDefinition('workflows/w.json', {
    name: unique('flow'),
    version: 3,
    description: 'exported',
    tasks: [
      { name: task, taskReferenceName: 't1', inputParameters: { a: '${workflow.input.a}' } },
      { name: 'decide', taskReferenceName: 'decide', type: 'SWITCH', evaluatorType: 'value-param', expression: 'k', inputParameters: { k: '${workflow.input.k}' }, decisionCases: { x: [{ name: task, taskReferenceName: 't2' }] } },
    ],
    outputParameters: { r: '${t1.output.r}' },
  });
  await applyChanges(createHarness(seed, t.server.url).options());
  seed.cleanup();
}

describe('export', () => {
  it.each(['yaml', 'json'] as const)('writes readable %s definitions, and plan afterwards shows no changes', async (format) => {
    await seedServer();
    const result = await exportDefinitions(t.harness.options({ format }));
    expect(result.files.length).toBeGreaterThanOrEqual(2);
    expect(result.files.every((f) => f.file.endsWith(`.${format}`))).toBe(true);
    const workflowFile = result.files.find((f) => f.key.kind === 'workflowDef')!.file;
    const text = readFileSync(join(t.repo.dir, workflowFile), 'utf8');
    for (const noise of ['createTime', 'conductor-gitops', 'schemaVersion', 'asyncComplete', 'startDelay']) expect(text).not.toContain(noise);

    const { plan } = await planChanges(t.harness.options());
    expect(plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    const again = await exportDefinitions(t.harness.options({ format }));
    expect(again.files.every((f) => f.status === 'unchanged')).toBe(true);
  });
});

describe('version bump', () => {
  const body = (name: string, version: number, description: string) =>
    `# keep this comment\nname: ${name}\nversion: ${version} # the version\ndescription: ${description}\ntasks:\n  - name: a\n    taskReferenceName: a\n`;

  it('raises the version of changed workflows relative to the server, keeping comments', async () => {
    const name = unique('strict');
    t.repo.writeFile('environments/test.yaml', stringify({ server: { url: t.server.url }, versioning: 'strict' }));
    t.repo.writeFile(`definitions/workflows/${name}.yaml`, body(name, 1, 'first'));
    await applyChanges(t.harness.options({ flags: { profile: 'test' } }));
    t.repo.writeFile(`definitions/workflows/${name}.yaml`, body(name, 1, 'second'));
    const blocked = await planChanges(t.harness.options({ flags: { profile: 'test' } }));
    expect(blocked.plan.diagnostics.map((d) => d.code)).toContain('VERSION_NOT_RAISED');

    const result = await bumpVersions(t.harness.options({ flags: { profile: 'test' } }));
    expect(result.bumps.map((b) => [b.name, b.from, b.to])).toEqual([[name, 1, 2]]);
    expect(readFileSync(join(t.repo.dir, `definitions/workflows/${name}.yaml`), 'utf8')).toBe(body(name, 2, 'second'));
    const { plan } = await planChanges(t.harness.options({ flags: { profile: 'test' } }));
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan.changes.map((c) => [c.key.version, c.action])).toEqual([[2, 'create']]);
    expect((await bumpVersions(t.harness.options({ flags: { profile: 'test' } }))).bumps).toEqual([]);
  });

  it('raises the version relative to a git ref', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: t.repo.dir, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'test');
    t.repo.writeFile('definitions/workflows/a.yaml', body('flow_a', 4, 'same'));
    t.repo.writeFile('definitions/workflows/b.yaml', body('flow_b', 1, 'before'));
    git('add', '.');
    git('commit', '-qm', 'base');
    t.repo.writeFile('definitions/workflows/b.yaml', body('flow_b', 1, 'after'));
    t.repo.writeFile('definitions/workflows/c.yaml', body('flow_c', 1, 'new file'));

    const result = await bumpVersions(t.harness.options({ since: 'HEAD' }));
    expect(result.reference).toBe('git HEAD');
    expect(result.bumps.map((b) => [b.name, b.to])).toEqual([['flow_b', 2]]);
    expect(readFileSync(join(t.repo.dir, 'definitions/workflows/b.yaml'), 'utf8')).toBe(body('flow_b', 2, 'after'));
    await expect(bumpVersions(t.harness.options({ since: 'no-such-ref' }))).rejects.toMatchObject({ code: 'USAGE' });
  });
});
