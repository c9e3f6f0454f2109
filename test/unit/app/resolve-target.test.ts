/**
 * The precedence of app/resolve-target.ts, case by case, on temp repo and HOME directories:
 * flags > selected profile (environment file, else official-CLI profile file or --config)
 * > CONDUCTOR_* variables > ~/.conductor-cli/config.yaml > built-in default.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveTarget, type ResolveTargetInput, type TargetFlags } from '../../../src/app/resolve-target.js';
import { CliError, UsageError, ValidationError } from '../../../src/errors.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface World {
  environments?: Record<string, string>;
  home?: Record<string, string>;
}

function world(spec: World = {}): { cwd: string; homeDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'resolve-target-'));
  dirs.push(root);
  const cwd = join(root, 'repo');
  const homeDir = join(root, 'home');
  mkdirSync(join(cwd, 'environments'), { recursive: true });
  mkdirSync(join(homeDir, '.conductor-cli'), { recursive: true });
  for (const [name, text] of Object.entries(spec.environments ?? {})) writeFileSync(join(cwd, 'environments', `${name}.yaml`), text);
  for (const [name, text] of Object.entries(spec.home ?? {})) writeFileSync(join(homeDir, '.conductor-cli', name), text);
  return { cwd, homeDir };
}

function resolve(w: { cwd: string; homeDir: string }, flags: TargetFlags = {}, env: Record<string, string> = {}, strict = true) {
  const input: ResolveTargetInput = { flags, env, ...w, strict };
  return resolveTarget(input);
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return error;
}

const STAGING = `server:\n  url: https://staging.example.com\n  type: Enterprise\nauth:\n  keyIdEnv: STAGING_KEY_ID\n  keySecretEnv: STAGING_KEY_SECRET\n`;
const PROD_FILE = 'server: https://prod-file.example.com/api\nserver-type: Enterprise\nauth-token: file-token-123\n';
const DEFAULT_FILE = 'server: https://default-file.example.com/api\nauth-key: default-key\nauth-secret: default-secret\n';
const ALL_ENV = {
  CONDUCTOR_SERVER_URL: 'https://env.example.com',
  CONDUCTOR_SERVER_TYPE: 'enterprise',
  CONDUCTOR_AUTH_TOKEN: 'env-token-456',
};

describe('resolveTarget: one layer below the flags', () => {
  it('falls back to the built-in default: local server, OSS, no auth', async () => {
    const target = await resolve(world());
    expect(target).toMatchObject({ source: 'default', serverUrl: 'http://localhost:8080/api', serverType: 'OSS', auth: { kind: 'none' } });
    expect(target.sources).toEqual({ server: { kind: 'default' }, 'server-type': { kind: 'default' } });
    expect(target.profile).toBeUndefined();
  });

  it('reads ~/.conductor-cli/config.yaml when nothing else is set', async () => {
    const w = world({ home: { 'config.yaml': DEFAULT_FILE } });
    const target = await resolve(w);
    expect(target).toMatchObject({ source: 'default-file', serverUrl: 'https://default-file.example.com/api', auth: { kind: 'key', keyId: 'default-key', keySecret: 'default-secret' } });
    expect(target.sources['auth-key']).toEqual({ kind: 'default-file', file: join(w.homeDir, '.conductor-cli', 'config.yaml') });
  });

  it('CONDUCTOR_* variables replace the default file entirely (no mixing)', async () => {
    const target = await resolve(world({ home: { 'config.yaml': DEFAULT_FILE } }), {}, { CONDUCTOR_SERVER_URL: 'https://env.example.com' });
    expect(target).toMatchObject({ source: 'env', serverUrl: 'https://env.example.com/api', auth: { kind: 'none' } });
    expect(target.sources.server).toEqual({ kind: 'env', variable: 'CONDUCTOR_SERVER_URL' });
  });

  it('reads every CONDUCTOR_* setting; server type is case-insensitive', async () => {
    const target = await resolve(world(), {}, ALL_ENV);
    expect(target).toMatchObject({ source: 'env', serverType: 'Enterprise', auth: { kind: 'token', token: 'env-token-456' } });
    expect(target.sources['auth-token']).toEqual({ kind: 'env', variable: 'CONDUCTOR_AUTH_TOKEN' });
  });

  it('ignores empty CONDUCTOR_* variables', async () => {
    const target = await resolve(world({ home: { 'config.yaml': DEFAULT_FILE } }), {}, { CONDUCTOR_SERVER_URL: '', CONDUCTOR_AUTH_TOKEN: ' ' });
    expect(target.source).toBe('default-file');
  });

  it('an official profile beats every CONDUCTOR_* variable, even for settings it lacks', async () => {
    const w = world({ home: { 'config-prod.yaml': 'server: https://prod-file.example.com\n' } });
    const target = await resolve(w, { profile: 'prod' }, ALL_ENV);
    expect(target).toMatchObject({ profile: 'prod', source: 'profile-file', serverUrl: 'https://prod-file.example.com/api', serverType: 'OSS', auth: { kind: 'none' } });
    expect(target.sources['server-type']).toEqual({ kind: 'default' });
  });

  it('CONDUCTOR_PROFILE selects a profile, and --profile beats it', async () => {
    const w = world({ home: { 'config-prod.yaml': PROD_FILE, 'config-dev.yaml': 'server: http://dev:8080\n' } });
    expect((await resolve(w, {}, { CONDUCTOR_PROFILE: 'prod', ...ALL_ENV })).serverUrl).toBe('https://prod-file.example.com/api');
    expect((await resolve(w, { profile: 'dev' }, { CONDUCTOR_PROFILE: 'prod' })).serverUrl).toBe('http://dev:8080/api');
  });

  it('"default" is config.yaml, selected like a profile (variables ignored)', async () => {
    const target = await resolve(world({ home: { 'config.yaml': DEFAULT_FILE } }), { profile: 'default' }, ALL_ENV);
    expect(target).toMatchObject({ profile: 'default', source: 'profile-file', serverUrl: 'https://default-file.example.com/api' });
  });

  it('an environment file beats an official profile of the same name and exported variables', async () => {
    const w = world({ environments: { staging: STAGING }, home: { 'config-staging.yaml': PROD_FILE } });
    const env = { ...ALL_ENV, STAGING_KEY_ID: 'stg-key-id', STAGING_KEY_SECRET: 'stg-key-secret' };
    const target = await resolve(w, { profile: 'staging' }, env);
    expect(target).toMatchObject({
      profile: 'staging',
      source: 'environment',
      file: 'environments/staging.yaml',
      serverUrl: 'https://staging.example.com/api',
      serverType: 'Enterprise',
      auth: { kind: 'key', keyId: 'stg-key-id', keySecret: 'stg-key-secret' },
    });
    expect(target.environment?.name).toBe('staging');
    expect(target.sources['auth-secret']).toEqual({ kind: 'environment', file: 'environments/staging.yaml', variable: 'STAGING_KEY_SECRET' });
  });
});

describe('resolveTarget: flags', () => {
  const w = () => world({ environments: { staging: STAGING }, home: { 'config-prod.yaml': PROD_FILE } });
  const keys = { STAGING_KEY_ID: 'stg-key-id', STAGING_KEY_SECRET: 'stg-key-secret' };

  it('override single settings and keep the rest of the profile', async () => {
    const target = await resolve(w(), { profile: 'staging', server: 'http://override:9090/' }, keys);
    expect(target).toMatchObject({ serverUrl: 'http://override:9090/api', serverType: 'Enterprise', auth: { kind: 'key' } });
    expect(target.sources.server).toEqual({ kind: 'flag', flag: '--server' });
    expect(target.sources['server-type']).toEqual({ kind: 'environment', file: 'environments/staging.yaml' });
  });

  it('--server-type overrides the profile', async () => {
    const target = await resolve(w(), { profile: 'prod', serverType: 'OSS' });
    expect(target).toMatchObject({ serverType: 'OSS', sources: { 'server-type': { kind: 'flag', flag: '--server-type' } } });
  });

  it('--auth-token replaces a profile key pair (and needs none of its variables)', async () => {
    const target = await resolve(w(), { profile: 'staging', authToken: 'flag-token-1' });
    expect(target.auth).toEqual({ kind: 'token', token: 'flag-token-1' });
    expect(target.sources['auth-key']).toBeUndefined();
  });

  it('--auth-key/--auth-secret replace a profile token', async () => {
    const target = await resolve(w(), { profile: 'prod', authKey: 'flag-key', authSecret: 'flag-secret' });
    expect(target.auth).toEqual({ kind: 'key', keyId: 'flag-key', keySecret: 'flag-secret' });
    expect(target.sources['auth-token']).toBeUndefined();
  });

  it('--auth-key alone combines with the profile secret', async () => {
    const target = await resolve(w(), { profile: 'staging', authKey: 'flag-key' }, keys);
    expect(target.auth).toEqual({ kind: 'key', keyId: 'flag-key', keySecret: 'stg-key-secret' });
  });

  it('--auth-token wins over --auth-key/--auth-secret', async () => {
    const target = await resolve(world(), { authToken: 'flag-token-1', authKey: 'k', authSecret: 's' });
    expect(target.auth).toEqual({ kind: 'token', token: 'flag-token-1' });
  });

  it('override the CONDUCTOR_* variables and the built-in default', async () => {
    expect((await resolve(world(), { server: 'http://a:1' }, ALL_ENV)).serverUrl).toBe('http://a:1/api');
    expect((await resolve(world(), { server: 'http://b:2/api' })).serverUrl).toBe('http://b:2/api');
  });
});

describe('resolveTarget: credentials', () => {
  it('a token wins over a key pair in the same layer', async () => {
    const both = 'server: http://h\nauth-key: k1\nauth-secret: s1\nauth-token: t1-token\n';
    expect((await resolve(world({ home: { 'config.yaml': both } }))).auth).toEqual({ kind: 'token', token: 't1-token' });
    const env = { CONDUCTOR_AUTH_KEY: 'k1', CONDUCTOR_AUTH_SECRET: 's1', CONDUCTOR_AUTH_TOKEN: 't2-token' };
    expect((await resolve(world(), {}, env)).auth).toEqual({ kind: 'token', token: 't2-token' });
  });

  it('an environment with tokenEnv and a key pair uses the token when set, else the pair', async () => {
    const text = `server:\n  url: https://x\nauth:\n  tokenEnv: X_TOKEN\n  keyIdEnv: X_KEY\n  keySecretEnv: X_SECRET\n`;
    const w = world({ environments: { x: text } });
    expect((await resolve(w, { profile: 'x' }, { X_TOKEN: 'tok-1', X_KEY: 'k', X_SECRET: 's' })).auth).toEqual({ kind: 'token', token: 'tok-1' });
    expect((await resolve(w, { profile: 'x' }, { X_KEY: 'k', X_SECRET: 's' })).auth).toEqual({ kind: 'key', keyId: 'k', keySecret: 's' });
  });

  it('an unset credential variable is AUTH_ENV_MISSING naming the variable, never a value', async () => {
    const w = world({ environments: { staging: STAGING } });
    const error = await failure(resolve(w, { profile: 'staging' }, { STAGING_KEY_ID: 'visible-key-id-value' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('AUTH_ENV_MISSING');
    expect(error.message).toContain('STAGING_KEY_SECRET');
    expect(error.message).not.toContain('STAGING_KEY_ID,');
    expect(`${error.message} ${error.hint ?? ''}`).not.toContain('visible-key-id-value');
    expect(error.hint).toContain('STAGING_KEY_ID and STAGING_KEY_SECRET');
  });

  it('lenient resolution reports the problem instead of throwing', async () => {
    const target = await resolve(world({ environments: { staging: STAGING } }), { profile: 'staging' }, {}, false);
    expect(target.auth).toEqual({ kind: 'none' });
    expect(target.problems).toEqual([expect.objectContaining({ code: 'AUTH_ENV_MISSING', variables: ['STAGING_KEY_ID', 'STAGING_KEY_SECRET'] })]);
  });

  it('a key without its secret is AUTH_INCOMPLETE', async () => {
    const error = await failure(resolve(world(), {}, { CONDUCTOR_AUTH_KEY: 'only-key' }));
    expect(error.code).toBe('AUTH_INCOMPLETE');
    expect(error.message).toContain('CONDUCTOR_AUTH_KEY');
    expect(error.message).not.toContain('only-key');
  });
});

describe('resolveTarget: --config', () => {
  const custom = 'server: https://custom.example.com\nauth-token: custom-token\n';

  it('reads the given file instead of config.yaml, ahead of CONDUCTOR_* and CONDUCTOR_PROFILE', async () => {
    const w = world({ home: { 'config.yaml': DEFAULT_FILE, 'config-prod.yaml': PROD_FILE } });
    writeFileSync(join(w.cwd, 'custom.yaml'), custom);
    const target = await resolve(w, { config: 'custom.yaml' }, { ...ALL_ENV, CONDUCTOR_PROFILE: 'prod' });
    expect(target).toMatchObject({ source: 'profile-file', file: join(w.cwd, 'custom.yaml'), serverUrl: 'https://custom.example.com/api' });
    expect(target.profile).toBeUndefined();
  });

  it('with --profile of an official profile, is read instead of config-<profile>.yaml', async () => {
    const w = world({ home: { 'config-prod.yaml': PROD_FILE } });
    writeFileSync(join(w.cwd, 'custom.yaml'), custom);
    expect(await resolve(w, { profile: 'prod', config: 'custom.yaml' })).toMatchObject({ profile: 'prod', serverUrl: 'https://custom.example.com/api' });
  });

  it('conflicts with a --profile that selects an environment file', async () => {
    const w = world({ environments: { staging: STAGING } });
    writeFileSync(join(w.cwd, 'custom.yaml'), custom);
    expect((await failure(resolve(w, { profile: 'staging', config: 'custom.yaml' }))).code).toBe('PROFILE_CONFLICT');
  });

  it('a missing file is CONFIG_NOT_FOUND', async () => {
    expect((await failure(resolve(world(), { config: 'nope.yaml' }))).code).toBe('CONFIG_NOT_FOUND');
  });
});

describe('resolveTarget: errors', () => {
  it('an unknown profile is ENV_NOT_FOUND listing environments and profiles', async () => {
    const w = world({ environments: { staging: STAGING, local: 'server:\n  url: http://localhost:8080\n' }, home: { 'config-prod.yaml': PROD_FILE } });
    const error = await failure(resolve(w, { profile: 'qa' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('ENV_NOT_FOUND');
    expect(error.hint).toContain('environments: local, staging');
    expect(error.hint).toContain('prod');
  });

  it('an invalid environment file is a ValidationError with diagnostics', async () => {
    const error = await failure(resolve(world({ environments: { bad: 'server:\n  url: 42\nauth:\n  token: abc\n' } }), { profile: 'bad' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('ENV_INVALID');
    expect((error as ValidationError).diagnostics.map((d) => d.code).sort()).toEqual(['ENV_LITERAL_SECRET', 'ENV_SCHEMA']);
  });

  it('rejects profile names that are paths', async () => {
    expect((await failure(resolve(world(), { profile: '../etc' }))).code).toBe('PROFILE_NAME_INVALID');
  });

  it('a bad URL or server type is reported, naming its source', async () => {
    const error = await failure(resolve(world(), {}, { CONDUCTOR_SERVER_URL: 'localhost:8080' }));
    expect(error).toMatchObject({ code: 'SERVER_URL_INVALID' });
    expect(error.message).toContain('CONDUCTOR_SERVER_URL');
    const lenient = await resolve(world(), {}, { CONDUCTOR_SERVER_TYPE: 'cloud' }, false);
    expect(lenient.problems.map((p) => p.code)).toEqual(['SERVER_TYPE_INVALID']);
    expect(lenient.serverType).toBe('OSS');
  });

  it('a URL with credentials is SERVER_URL_INVALID and the message does not repeat them', async () => {
    const error = await failure(resolve(world(), { server: 'https://me:hunter22@host/api' }));
    expect(error).toMatchObject({ code: 'SERVER_URL_INVALID' });
    expect(error.message).toBe('the server URL from --server must not contain credentials (user:password@); use --auth-key/--auth-secret or --auth-token');
  });

  it('a broken official config file is CONFIG_INVALID', async () => {
    const error = await failure(resolve(world({ home: { 'config.yaml': 'server: [unclosed\n' } })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('CONFIG_INVALID');
  });
});
