/**
 * The no-op guarantee on real-world definitions: every example in definitions/ and every
 * corpus workflow and task def (../shared/corpus) is applied to the server, read back and
 * planned again: zero changes. Definitions the validation layer rejects (the server would
 * answer 400 too) are left out and counted. The corpus holds several different definitions
 * under one name+version, so definitions are applied in batches where each key appears once.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyChanges } from '../../../src/app/apply.js';
import { planChanges } from '../../../src/app/plan.js';
import { keyId, type Resource } from '../../../src/core/model.js';
import { locatorFor, readDefinitions } from '../../../src/repo/definitions.js';
import { validateDefinitions } from '../../../src/validation/index.js';
import { repoRoot } from '../../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import { createHarness, createTempRepo } from './app-harness.js';

const corpusDir = resolve(repoRoot, '../shared/corpus');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

async function readValidDefinitions(dir: string): Promise<{ valid: Resource[]; rejected: string[] }> {
  // The corpus's index.json describes the files; it is not a definition.
  const paths = readdirSync(dir).filter((name) => name !== 'index.json' && !name.startsWith('.'));
  const read = await readDefinitions(paths, { cwd: dir });
  const valid: Resource[] = [];
  const rejected: string[] = [];
  for (const entry of read.value.entries) {
    const { resource } = entry;
    const target = { kind: resource.key.kind, body: resource.body, file: resource.source.file, pointer: resource.source.pointer, locate: locatorFor(entry) };
    const errors = validateDefinitions([target]).filter((d) => d.severity === 'error' && d.code !== 'DEF_DUPLICATE');
    if (errors.length === 0) valid.push(resource);
    else rejected.push(`${resource.source.file}: ${errors[0]!.code}`);
  }
  return { valid, rejected };
}

/** Batch n holds the n-th definition seen for each key. */
function splitByKey(resources: Resource[]): Resource[][] {
  const seen = new Map<string, number>();
  const batches: Resource[][] = [];
  for (const resource of resources) {
    const index = seen.get(keyId(resource.key)) ?? 0;
    seen.set(keyId(resource.key), index + 1);
    (batches[index] ??= []).push(resource);
  }
  return batches;
}

it('plan → apply → plan is empty for every example and corpus definition', { timeout: 120_000 }, async () => {
  const sources = [resolve(repoRoot, 'definitions'), corpusDir].filter((dir) => existsSync(dir));
  expect(sources, 'the corpus is missing').toContain(corpusDir);
  const all: Resource[] = [];
  const rejected: string[] = [];
  for (const dir of sources) {
    const read = await readValidDefinitions(dir);
    all.push(...read.valid);
    rejected.push(...read.rejected);
  }
  expect(all.length).toBeGreaterThan(300);
  // Sanity bound: the corpus is mostly valid; a validator regression would show here.
  expect(rejected.length).toBeLessThan(all.length / 5);

  const failures: string[] = [];
  const leftovers: string[] = [];
  for (const batch of splitByKey(all)) {
    const repo = createTempRepo();
    try {
      batch.forEach((resource, n) => repo.writeDefinition(`${resource.key.kind}/${n}.json`, resource.body));
      const harness = createHarness(repo, server.url);
      const result = await applyChanges(harness.options());
      failures.push(...result.failed.map((f) => `${keyId(f.change.key)}: ${f.error.message}`));
      const { plan } = await planChanges(harness.options());
      for (const change of plan.changes.filter((c) => c.action !== 'no-op')) {
        const source = batch.find((r) => r.key.name === change.key.name);
        leftovers.push(`${keyId(change.key)} (${change.reason}) ${JSON.stringify(change.patch.filter((op) => op.path !== '/version'))} [${source?.source?.file}]`);
      }
    } finally {
      repo.cleanup();
    }
  }
  expect(failures, 'definitions the server rejected').toEqual([]);
  expect(leftovers, 'changes planned right after apply').toEqual([]);
});

it('plan → apply → plan is empty for the repo\'s examples seen through environments/local.yaml', async () => {
  const repo = createTempRepo();
  const fresh = await startTestServer();
  try {
    cpSync(resolve(repoRoot, 'definitions'), resolve(repo.dir, 'definitions'), { recursive: true });
    cpSync(resolve(repoRoot, 'environments'), resolve(repo.dir, 'environments'), { recursive: true });
    const harness = createHarness(repo, fresh.url);
    const options = () => harness.options({ flags: { profile: 'local', server: fresh.url } });
    const result = await applyChanges(options());
    expect(result.failed.map((f) => f.error.message)).toEqual([]);
    expect(result.applied.length).toBeGreaterThan(0);
    const { plan } = await planChanges(options());
    expect(plan.changes.filter((c) => c.action !== 'no-op').map((c) => keyId(c.key))).toEqual([]);
  } finally {
    await fresh.close();
    repo.cleanup();
  }
});
