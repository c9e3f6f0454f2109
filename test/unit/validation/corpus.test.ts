/**
 * Real-world input: every definition file of the shared corpus (364 files from public
 * repositories, see ../shared/corpus/SOURCES.md), validated on its own as a one-file repo.
 * No schema errors anywhere, and no semantic error except the true defects listed below,
 * each with the exact codes it must produce (so the list cannot go stale).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validate, type ValidateResult } from '../../../src/app/validate.js';
import { parseDefinitionText } from '../../../src/repo/parse-file.js';
import { repoRoot } from '../../helpers/run-cli.js';

const corpusRoot = resolve(repoRoot, '../shared/corpus');

/** Files with real defects: the server accepts most of them, but they cannot work as written. */
const TRUE_DEFECTS: Record<string, { codes: string[]; reason: string }> = {
  'conductor-oss__conductor/rest/src/main/resources/kitchensink/wf1.json': {
    codes: ['SCHEMA_VERSION'],
    reason: 'schemaVersion 1: WorkflowDef has @Min(2) @Max(2), the server answers 400',
  },
  'conductor-oss__conductor/e2e/src/test/resources/metadata/re_run_test_workflow.json': {
    codes: ['REF_UNKNOWN'],
    reason: "the inline sub-workflow reads ${get_data.output.number}; no task 'get_data' exists anywhere",
  },
  'conductor-oss__conductor/e2e/src/test/resources/metadata/sync_workflows.json': {
    codes: ['REF_UNKNOWN'],
    reason: "same inline sub-workflow as re_run_test_workflow: ${get_data.output.number} names no task",
  },
  'conductor-oss__conductor/e2e/src/test/resources/metadata/workflows.json': {
    codes: ['REF_UNKNOWN'],
    reason: "${get_data...} in an inline sub-workflow, and outputParameters read ${get_random_fact...}, a task these workflows do not have",
  },
  'conductor-oss__java-sdk/tests/src/test/resources/metadata/workflows.json': {
    codes: ['REF_UNKNOWN'],
    reason: 'copy of conductor e2e metadata/workflows.json with the same dangling references',
  },
  'conductor-oss__java-sdk/conductor-client/src/test/resources/workflows/kitchensink.json': {
    codes: ['REF_UNKNOWN'],
    reason: "the inline sub-workflow reads ${get_data.output.number}; no task 'get_data' exists",
  },
  'conductor-oss__java-sdk/conductor-client/src/test/resources/workflows/PopulationMinMax.json': {
    codes: ['REF_UNKNOWN'],
    reason: "outputParameters read ${get_random_fact...}; the workflow has no such task (copy-paste)",
  },
  'conductor-oss__java-sdk/tests/src/test/resources/sdk_test.json': {
    codes: ['REF_UNKNOWN'],
    reason: "outputParameters read ${x_test_worker_1.output}: that is a task name, not a taskReferenceName",
  },
  'conductor-sdk__conductor-examples/document_approvals/review_approval.json': {
    codes: ['REF_UNKNOWN'],
    reason: "three switches read ${user_action.output.approved}; no task 'user_action' exists, so they always take the default case",
  },
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.(json|ya?ml)$/.test(name) && name !== 'index.json' ? [relative(corpusRoot, path)] : [];
  });
}

describe('the public corpus validates without false errors', () => {
  const results = new Map<string, ValidateResult>();
  let elapsedMs = 0;

  beforeAll(async () => {
    const files = listFiles(corpusRoot).sort();
    const started = performance.now();
    for (const file of files) results.set(file, await validate({ cwd: corpusRoot, paths: [file] }));
    elapsedMs = performance.now() - started;
  }, 60_000);

  it('reads all 364 files and every definition in them', () => {
    const index = JSON.parse(readFileSync(join(corpusRoot, 'index.json'), 'utf8')) as { definitions: unknown[] }[];
    expect(results.size).toBe(364);
    const definitions = [...results.values()].reduce((sum, r) => sum + r.definitions, 0);
    expect(definitions).toBe(index.reduce((sum, e) => sum + e.definitions.length, 0));
  });

  it('gives zero schema or syntax findings', () => {
    const schema = [...results].flatMap(([file, r]) => r.diagnostics.filter((d) => d.code.startsWith('DEF_')).map((d) => `${file}: ${d.code} ${d.message}`));
    expect(schema).toEqual([]);
  });

  it('gives errors only for the listed true defects, with exactly their codes', () => {
    const actual: Record<string, string[]> = {};
    for (const [file, result] of results) {
      const codes = [...new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].sort();
      if (codes.length > 0) actual[file] = codes;
    }
    const expected = Object.fromEntries(Object.entries(TRUE_DEFECTS).map(([file, entry]) => [file, entry.codes]));
    expect(actual).toEqual(expected);
  });

  it('reads JSON through the yaml AST with exactly the values JSON.parse gives', () => {
    for (const file of results.keys()) {
      const text = readFileSync(join(corpusRoot, file), 'utf8');
      const parsed = parseDefinitionText(text, { file, format: 'json' });
      expect(parsed.value.map((d) => d.value), file).toStrictEqual([JSON.parse(text.replace(/^\uFEFF/, ''))]);
    }
  });

  it('validates the whole corpus quickly (ajv compiled once)', () => {
    expect(elapsedMs).toBeLessThan(10_000);
  });
});
