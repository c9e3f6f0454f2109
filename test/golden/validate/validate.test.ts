/**
 * Golden output of `conductor validate` on test/fixtures/repos/broken: the human view
 * (stdout: diagnostics by file; stderr: the summary line) and the --json document. Built
 * from the library exactly as the command does; test/e2e/validate.test.ts checks that the
 * real CLI prints the same bytes. Update with `vitest -u`, and review the diff like code.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/app/validate.js';
import { renderDiagnostics, renderValidationSummary } from '../../../src/render/diagnostics-text.js';
import { repoRoot } from '../../helpers/run-cli.js';

export const brokenRepo = resolve(repoRoot, 'test/fixtures/repos/broken');

describe('validate golden output: broken repo', () => {
  it('human and JSON views', async () => {
    const result = await validate({ cwd: brokenRepo });
    const { errors, warnings } = result.summary;
    await expect(renderDiagnostics(result.diagnostics, { color: false })).toMatchFileSnapshot('broken/stdout.txt');
    await expect(renderValidationSummary({ files: result.files, definitions: result.definitions, errors, warnings }, { color: false })).toMatchFileSnapshot('broken/stderr.txt');
    await expect(`${JSON.stringify(result, null, 2)}\n`).toMatchFileSnapshot('broken/stdout.json');
  });
});
