/**
 * Normalization over the shared corpus of real-world definitions (/work/shared/corpus, in CI at
 * ../shared/corpus from the repo root): it must be idempotent, leave no server-managed field,
 * never mutate its input, and a state planned against itself must be all no-op.
 * The round trip through a real server is another test's job (integration, dev server).
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildState, inferKind, type JsonObject, type Resource } from '../../../src/core/model.js';
import { normalize } from '../../../src/core/normalize.js';
import { buildPlan } from '../../../src/core/plan.js';
import { deepFreeze } from '../../helpers/builders.js';
import { corpusDir, listCorpusFiles, readCorpusDefinitions } from '../../helpers/corpus.js';

function toResource(body: JsonObject): Resource {
  const kind = inferKind(body);
  const version = typeof body['version'] === 'number' ? body['version'] : 1;
  return { key: kind === 'workflowDef' ? { kind, name: String(body['name']), version } : { kind, name: String(body['name']) }, body };
}

describe('normalize over the definition corpus', () => {
  it('finds the corpus', () => {
    expect(existsSync(corpusDir), `corpus missing at ${corpusDir}`).toBe(true);
  });
  const files = existsSync(corpusDir) ? listCorpusFiles() : [];

  it('reads hundreds of definitions', () => {
    expect(files.reduce((count, file) => count + readCorpusDefinitions(file).length, 0)).toBeGreaterThan(300);
  });

  for (const file of files) {
    it(relative(corpusDir, file), () => {
      const resources = readCorpusDefinitions(file).map(toResource);
      for (const { key, body } of resources) {
        const once = normalize(key.kind, deepFreeze(body));
        expect(normalize(key.kind, once), 'idempotent').toEqual(once);
        for (const field of ['createTime', 'updateTime', 'createdBy', 'updatedBy', 'ownerApp']) expect(once).not.toHaveProperty(field);
      }
      const state = buildState(resources);
      const plan = buildPlan(state, state, { environment: 'corpus' });
      expect(plan.changes.every((change) => change.action === 'no-op')).toBe(true);
      expect(plan.diagnostics).toEqual([]);
    });
  }
});
