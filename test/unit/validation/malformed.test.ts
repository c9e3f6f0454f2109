/**
 * Each malformed input gives exactly one clear diagnostic with file and line (the e2e test
 * checks the same through the real CLI, including "no stack trace").
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/app/validate.js';
import { repoRoot } from '../../helpers/run-cli.js';

const cwd = resolve(repoRoot, 'test/fixtures/malformed');

describe('malformed input: one diagnostic each', () => {
  it.each([
    ['truncated.json', 'error', 'DEF_SYNTAX', 8, /invalid JSON: unterminated|end of the file/],
    ['tabs.yaml', 'error', 'DEF_SYNTAX', 4, /tab/i],
    ['wrong-types.yaml', 'error', 'DEF_SCHEMA', 2, /'retryCount' must be an integer; found a string \("many"\)/],
    ['no-name.yaml', 'error', 'DEF_NAME_MISSING', 1, /no name/],
    ['empty.yaml', 'warning', 'DEF_EMPTY_FILE', 1, /empty/],
    ['not-object.json', 'error', 'DEF_NOT_OBJECT', 1, /found a string/],
    ['no-definitions', 'error', 'DEF_NONE_FOUND', undefined, /no definition files/],
  ])('%s', async (path, severity, code, line, message) => {
    const result = await validate({ cwd, paths: [path] });
    expect(result.diagnostics).toHaveLength(1);
    const [diagnostic] = result.diagnostics;
    expect(diagnostic).toMatchObject({ severity, code, file: path });
    expect(diagnostic?.line).toBe(line);
    expect(diagnostic?.message).toMatch(message);
  });

  it('a BOM is not a problem', async () => {
    const result = await validate({ cwd, paths: ['bom.json'] });
    expect(result).toMatchObject({ files: 1, definitions: 1, diagnostics: [], summary: { errors: 0, warnings: 0 } });
  });
});
