import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyChanges } from '../../../src/app/apply.js';
import { exportDefinitions } from '../../../src/app/export.js';
import { planChanges } from '../../../src/app/plan.js';
import { bumpVersions } from '../../../src/app/version-bump.js';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import { createHarness, createTempRepo, type Harness, type TempRepo } from './app-harness.js';

let server: TestServer;
let repo: TempRepo;
let harness: Harness;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  repo = createTempRepo();
  harness = createHarness(repo, server.url);
});
afterEach(() => repo.cleanup());

const unique = (base: string) => `${base}_${Math.random().toString(36).slice(2, 8)}`;

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
  await applyChanges(createHarness(seed, server.url).options());
  seed.cleanup();
}

describe('export', () => {
  it.each(['yaml', 'json'] as const)('writes readable %s definitions, and plan afterwards shows no changes', async (format) => {
    await seedServer();
    const result = await exportDefinitions(harness.options({ format }));
    expect(result.files.length).toBeGreaterThanOrEqual(2);
    expect(result.files.every((f) => f.file.endsWith(`.${format}`))).toBe(true);
    const workflowFile = result.files.find((f) => f.key.kind === 'workflowDef')!.file;
    const text = readFileSync(join(repo.dir, workflowFile), 'utf8');
    for (const noise of ['createTime', 'conductor-gitops', 'schemaVersion', 'asyncComplete', 'startDelay']) expect(text).not.toContain(noise);

    const { plan } = await planChanges(harness.options());
    expect(plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    const again = await exportDefinitions(harness.options({ format }));
    expect(again.files.every((f) => f.status === 'unchanged')).toBe(true);
  });
});

describe('version bump', () => {
  const body = (name: string, version: number, description: string) =>
    `# keep this comment\nname: ${name}\nversion: ${version} # the version\ndescription: ${description}\ntasks:\n  - name: a\n    taskReferenceName: a\n`;

  it('raises the version of changed workflows relative to the server, keeping comments', async () => {
    const name = unique('strict');
    repo.writeFile('environments/test.yaml', stringify({ server: { url: server.url }, versioning: 'strict' }));
    repo.writeFile(`definitions/workflows/${name}.yaml`, body(name, 1, 'first'));
    await applyChanges(harness.options({ flags: { profile: 'test' } }));
    repo.writeFile(`definitions/workflows/${name}.yaml`, body(name, 1, 'second'));
    const blocked = await planChanges(harness.options({ flags: { profile: 'test' } }));
    expect(blocked.plan.diagnostics.map((d) => d.code)).toContain('VERSION_NOT_RAISED');

    const result = await bumpVersions(harness.options({ flags: { profile: 'test' } }));
    expect(result.bumps.map((b) => [b.name, b.from, b.to])).toEqual([[name, 1, 2]]);
    expect(readFileSync(join(repo.dir, `definitions/workflows/${name}.yaml`), 'utf8')).toBe(body(name, 2, 'second'));
    const { plan } = await planChanges(harness.options({ flags: { profile: 'test' } }));
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan.changes.map((c) => [c.key.version, c.action])).toEqual([[2, 'create']]);
    expect((await bumpVersions(harness.options({ flags: { profile: 'test' } }))).bumps).toEqual([]);
  });

  it('raises the version relative to a git ref', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'test');
    repo.writeFile('definitions/workflows/a.yaml', body('flow_a', 4, 'same'));
    repo.writeFile('definitions/workflows/b.yaml', body('flow_b', 1, 'before'));
    git('add', '.');
    git('commit', '-qm', 'base');
    repo.writeFile('definitions/workflows/b.yaml', body('flow_b', 1, 'after'));
    repo.writeFile('definitions/workflows/c.yaml', body('flow_c', 1, 'new file'));

    const result = await bumpVersions(harness.options({ since: 'HEAD' }));
    expect(result.reference).toBe('git HEAD');
    expect(result.bumps.map((b) => [b.name, b.to])).toEqual([['flow_b', 2]]);
    expect(readFileSync(join(repo.dir, 'definitions/workflows/b.yaml'), 'utf8')).toBe(body('flow_b', 2, 'after'));
    await expect(bumpVersions(harness.options({ since: 'no-such-ref' }))).rejects.toMatchObject({ code: 'USAGE' });
  });
});
