/**
 * `validate` with a target (--profile): the environment selects and rewrites definitions,
 * and what the server holds turns "missing from the repo" warnings into errors. The server
 * is stubbed here; test/e2e/validate-profile.test.ts asks a real dev server.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/app/resolve-target.js';
import { validate } from '../../../src/app/validate.js';
import type { ServerKnowledge } from '../../../src/validation/index.js';
import { repoRoot } from '../../helpers/run-cli.js';

const cwd = resolve(repoRoot, 'test/fixtures/repos/broken-profile');
const server: ServerKnowledge = { taskDefNames: new Set(['on_server_task']), workflows: new Map([['server_child', [1, 2]]]) };
const codes = (result: Awaited<ReturnType<typeof validate>>) => result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file ?? ''}:${d.line ?? ''}`);
const ciTarget = () => resolveTarget({ flags: { profile: 'ci' }, env: {}, cwd, homeDir: resolve(cwd, 'no-home') });

describe('validate --profile', () => {
  it('offline without a profile: every file, placeholders reported as warnings, no schema noise about them', async () => {
    const result = await validate({ cwd });
    expect(codes(result)).toEqual([
      'error DEF_SCHEMA definitions/experimental/draft.yaml:2',
      'warning VAR_NO_ENVIRONMENT definitions/tasks/local_task.yaml:2',
      'warning VAR_NO_ENVIRONMENT definitions/workflows/main.yaml:4',
      'warning TASK_DEF_MISSING definitions/workflows/main.yaml:9',
      'warning TASK_DEF_MISSING definitions/workflows/main.yaml:12',
      'warning WORKFLOW_REF_MISSING definitions/workflows/main.yaml:19',
    ]);
  });

  it('with the environment and the server: selection, variables, and errors for what nobody has', async () => {
    const asked: string[] = [];
    const result = await validate({ cwd, target: await ciTarget(), fetchKnowledge: async (t) => (asked.push(t.serverUrl), server) });
    expect(asked).toEqual(['http://127.0.0.1:9/api']);
    expect(codes(result)).toEqual(['error TASK_DEF_MISSING definitions/workflows/main.yaml:12']);
    expect(result).toMatchObject({ files: 3, definitions: 2 });
  });

  it('--offline applies the environment without asking the server', async () => {
    const result = await validate({ cwd, target: await ciTarget(), offline: true, fetchKnowledge: () => Promise.reject(new Error('must not be called')) });
    expect(codes(result)).toEqual([
      'warning TASK_DEF_MISSING definitions/workflows/main.yaml:9',
      'warning TASK_DEF_MISSING definitions/workflows/main.yaml:12',
      'warning WORKFLOW_REF_MISSING definitions/workflows/main.yaml:19',
    ]);
  });

  it('contextPaths: other files count as existing but are neither validated nor counted', async () => {
    const alone = await validate({ cwd, paths: ['definitions/workflows/main.yaml'] });
    const withRepo = await validate({ cwd, paths: ['definitions/workflows/main.yaml'], contextPaths: ['definitions'] });
    expect(codes(alone)).toContain('warning TASK_DEF_MISSING definitions/workflows/main.yaml:6');
    expect(codes(withRepo)).not.toContain('warning TASK_DEF_MISSING definitions/workflows/main.yaml:6');
    expect(codes(withRepo).filter((c) => c.includes('experimental'))).toEqual([]);
    expect(withRepo).toMatchObject({ files: 1, definitions: 1 });
  });
});
