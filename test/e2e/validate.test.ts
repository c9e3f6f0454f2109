/**
 * `conductor validate` through the real CLI (bin/conductor.js → dist/), NO_COLOR=1, minimal
 * env: stdout carries the findings, stderr the summary, the exit code says whether to fail.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const broken = resolve(repoRoot, 'test/fixtures/repos/broken');
const malformed = resolve(repoRoot, 'test/fixtures/malformed');
const golden = (name: string) => readFileSync(resolve(repoRoot, 'test/golden/validate/broken', name), 'utf8');

describe('conductor validate', () => {
  it('passes the shipped examples with no findings', async () => {
    const result = await runCli(['validate']);
    expect(result).toMatchObject({ exitCode: 0, stdout: '', stderr: '✔ 13 definitions in 6 files: no problems\n' });
  });

  it('checks one file against the rest of the repo: its task defs in other files exist', async () => {
    const result = await runCli(['validate', 'definitions/workflows/password_reset.yaml']);
    expect(result).toMatchObject({ exitCode: 0, stdout: '', stderr: '✔ 1 definition in 1 file: no problems\n' });
  });

  it('prints the golden findings and summary for the broken repo and exits 3', async () => {
    const result = await runCli(['validate'], { cwd: broken });
    expect(result.stdout).toBe(golden('stdout.txt'));
    expect(result.stderr).toBe(golden('stderr.txt'));
    expect(result.exitCode).toBe(3);
  });

  it('prints the golden JSON document with --json', async () => {
    const result = await runCli(['validate', '--json'], { cwd: broken });
    expect(result.stdout).toBe(golden('stdout.json'));
    expect(result.exitCode).toBe(3);
  });

  it('fails on warnings only with --strict', async () => {
    const lenient = await runCli(['validate', 'empty.yaml'], { cwd: malformed });
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stderr).toBe('⚠ 1 warning in 0 definitions (1 file)\n');
    const strict = await runCli(['validate', '--strict', 'empty.yaml'], { cwd: malformed });
    expect(strict.exitCode).toBe(3);
  });

  it.each([
    ['truncated.json', 'truncated.json\n  8:', 'DEF_SYNTAX'],
    ['tabs.yaml', 'tabs.yaml\n  4:1', 'DEF_SYNTAX'],
    ['wrong-types.yaml', 'wrong-types.yaml\n  2:1', 'DEF_SCHEMA'],
    ['no-name.yaml', 'no-name.yaml\n  1:1', 'DEF_NAME_MISSING'],
    ['not-object.json', 'not-object.json\n  1:2', 'DEF_NOT_OBJECT'],
    ['no-definitions', 'no-definitions\n', 'DEF_NONE_FOUND'],
    ['does-not-exist', 'does-not-exist\n', 'PATH_NOT_FOUND'],
  ])('%s: one clear diagnostic with its file and line, no stack trace', async (path, where, code) => {
    const result = await runCli(['validate', path], { cwd: malformed });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain(where);
    expect(result.stdout.match(/\[[A-Z_]+\]/g)).toEqual([`[${code}]`]);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .*\.js:\d+|Error:|TypeError/);
    expect(result.stderr).toMatch(/^✖ 1 error in /);
  });

  it('is listed in --help', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toMatch(/validate \[options\] \[paths\.\.\.\]/);
  });
});
