/** The official CLI's profile files (repo/cli-config.ts) on a temp HOME. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cliConfigPath,
  deleteCliConfigFile,
  listCliProfileFiles,
  readCliConfigFile,
  writeCliConfigFile,
} from '../../../src/repo/cli-config.js';
import { ValidationError } from '../../../src/errors.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const home = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-config-'));
  dirs.push(dir);
  return dir;
};

describe('official CLI config files', () => {
  it('names config.yaml for the default profile and config-<name>.yaml otherwise', () => {
    expect(cliConfigPath('/h')).toBe('/h/.conductor-cli/config.yaml');
    expect(cliConfigPath('/h', 'default')).toBe('/h/.conductor-cli/config.yaml');
    expect(cliConfigPath('/h', 'prod')).toBe('/h/.conductor-cli/config-prod.yaml');
  });

  it('writes the official format with mode 0600 in a 0700 directory, and reads it back', async () => {
    const dir = home();
    const path = cliConfigPath(dir, 'prod');
    await writeCliConfigFile(path, { server: 'https://x/api', 'server-type': 'Enterprise', 'auth-key': 'k', 'auth-secret': 's', 'cached-token-expiry': '1700000000' });
    expect(readFileSync(path, 'utf8')).toBe('server: https://x/api\nserver-type: Enterprise\nauth-key: k\nauth-secret: s\ncached-token-expiry: 1700000000\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.conductor-cli')).mode & 0o777).toBe(0o700);
    expect(await readCliConfigFile(path)).toEqual({ server: 'https://x/api', 'server-type': 'Enterprise', 'auth-key': 'k', 'auth-secret': 's', 'cached-token-expiry': '1700000000' });
  });

  it('tightens the mode of an existing file', async () => {
    const dir = home();
    const path = cliConfigPath(dir);
    mkdirSync(join(dir, '.conductor-cli'));
    writeFileSync(path, 'server: http://old\n', { mode: 0o644 });
    await writeCliConfigFile(path, { server: 'http://new' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('ignores unknown and blank keys; a missing file is undefined', async () => {
    const dir = home();
    mkdirSync(join(dir, '.conductor-cli'));
    writeFileSync(cliConfigPath(dir), 'server: http://h\nauth-token: ""\nfuture-key: 1\n');
    expect(await readCliConfigFile(cliConfigPath(dir))).toEqual({ server: 'http://h' });
    expect(await readCliConfigFile(cliConfigPath(dir, 'none'))).toBeUndefined();
  });

  it('rejects a file that is not a mapping, or a nested value, with the line, without echoing values', async () => {
    const dir = home();
    mkdirSync(join(dir, '.conductor-cli'));
    writeFileSync(cliConfigPath(dir, 'a'), '- server\n');
    writeFileSync(cliConfigPath(dir, 'b'), 'server: http://h\nauth-secret:\n  nested: hush-hush-value\n');
    const a = await readCliConfigFile(cliConfigPath(dir, 'a')).catch((e: unknown) => e);
    expect(a).toBeInstanceOf(ValidationError);
    const b = (await readCliConfigFile(cliConfigPath(dir, 'b')).catch((e: unknown) => e)) as ValidationError;
    expect(b.code).toBe('CONFIG_INVALID');
    expect(b.diagnostics).toEqual([expect.objectContaining({ line: 2, pointer: '/auth-secret' })]);
    expect(JSON.stringify(b.diagnostics) + b.message).not.toContain('hush-hush-value');
  });

  it('lists profiles, default first, and deletes one', async () => {
    const dir = home();
    expect(await listCliProfileFiles(dir)).toEqual([]);
    for (const profile of ['zeta', undefined, 'alpha']) await writeCliConfigFile(cliConfigPath(dir, profile), { server: 'http://h' });
    writeFileSync(join(dir, '.conductor-cli', 'other.txt'), '');
    expect((await listCliProfileFiles(dir)).map((p) => p.profile)).toEqual(['default', 'alpha', 'zeta']);
    expect(await deleteCliConfigFile(cliConfigPath(dir, 'alpha'))).toBe(true);
    expect(await deleteCliConfigFile(cliConfigPath(dir, 'alpha'))).toBe(false);
    expect((await listCliProfileFiles(dir)).map((p) => p.profile)).toEqual(['default', 'zeta']);
  });
});
