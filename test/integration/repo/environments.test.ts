import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEnvironmentFromText, listEnvironmentNames, readEnvironment } from '../../../src/repo/environments.js';

const FILE = 'environments/test.yaml';
const build = (text: string) => buildEnvironmentFromText(text, 'test', FILE);
const codes = (text: string) => build(text).diagnostics.map((d) => `${d.code}@${d.line}`);

describe('buildEnvironmentFromText', () => {
  it('builds a full environment', () => {
    const text = [
      'description: Staging',
      'server:',
      '  url: https://staging.example.com',
      '  type: Enterprise',
      'auth:',
      '  keyIdEnv: STAGING_KEY_ID',
      '  keySecretEnv: STAGING_KEY_SECRET',
      'definitions:',
      '  paths:',
      '    include: ["definitions/**"]',
      '  names:',
      '    exclude: ["*_experimental"]',
      'variables:',
      '  httpBaseUrl: https://api.example.com',
      '  retries: 3',
      'overrides:',
      '  taskDef/charge_card:',
      '    retryCount: 5',
      '  workflowDef/order_flow@2:',
      '    timeoutSeconds: 600',
      'versioning: strict',
      'prune:',
      '  include: ["order_*"]',
      'parallelism: 8',
    ].join('\n');
    const { value, diagnostics } = build(text);
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({
      name: 'test',
      file: FILE,
      description: 'Staging',
      server: { url: 'https://staging.example.com', type: 'Enterprise' },
      auth: { keyIdEnv: 'STAGING_KEY_ID', keySecretEnv: 'STAGING_KEY_SECRET' },
      definitions: { paths: { include: ['definitions/**'], exclude: [] }, names: { include: [], exclude: ['*_experimental'] } },
      variables: { httpBaseUrl: 'https://api.example.com', retries: 3 },
      overrides: [
        { target: 'taskDef/charge_card', kind: 'taskDef', name: 'charge_card', patch: { retryCount: 5 } },
        { target: 'workflowDef/order_flow@2', kind: 'workflowDef', name: 'order_flow', version: 2, patch: { timeoutSeconds: 600 } },
      ],
      versioning: 'strict',
      prune: { include: ['order_*'], exclude: [] },
      parallelism: 8,
    });
    expect(value?.lines['/overrides/taskDef~1charge_card/retryCount']).toBe(18);
  });

  it('fills defaults: OSS, no auth, everything selected, bump, no pruning, parallelism 4', () => {
    expect(build('server:\n  url: http://localhost:8080/api\n').value).toMatchObject({
      server: { type: 'OSS' },
      auth: {},
      definitions: { paths: { include: [], exclude: [] }, names: { include: [], exclude: [] } },
      variables: {},
      overrides: [],
      versioning: 'bump',
      prune: { include: [], exclude: [] },
      parallelism: 4,
    });
  });

  it('rejects literal secrets at their line, without quoting them', () => {
    const text = [
      'server:',
      '  url: https://user:s3cr3t-pass@host', // 2
      'auth:',
      '  keyIdEnv: MY_KEY_ID',
      '  keySecretEnv: abc123/+=SECRETVALUE', // 5
      '  token: literal-token-value', // 6
      'auth-secret: another-literal-secret', // 7
      'variables:',
      '  apiToken: variable-secret-value', // 9
      '  tokenTtl: 3600',
    ].join('\n');
    const { value, diagnostics } = build(text);
    expect(value).toBeUndefined();
    expect(diagnostics.map((d) => `${d.code}@${d.line}`).sort()).toEqual(
      ['ENV_LITERAL_SECRET@2', 'ENV_LITERAL_SECRET@5', 'ENV_LITERAL_SECRET@6', 'ENV_LITERAL_SECRET@7', 'ENV_LITERAL_SECRET@9'].sort(),
    );
    expect(diagnostics.every((d) => d.file === FILE)).toBe(true);
    const all = JSON.stringify(diagnostics);
    for (const secret of ['s3cr3t-pass', 'SECRETVALUE', 'literal-token-value', 'another-literal-secret', 'variable-secret-value']) {
      expect(all).not.toContain(secret);
    }
  });

  it('reports schema problems with their lines', () => {
    const text = [
      'server:',
      '  url: ftp://nope', // 2
      '  type: Cloud', // 3
      'versioning: sometimes', // 4
      'parallelism: 0', // 5
      'unknownKey: 1', // 6
      'variables:',
      '  bad-name: x', // 8
      'auth:',
      '  keyIdEnv: ONLY_ID', // 10
    ].join('\n');
    expect(codes(text).sort()).toEqual(['ENV_SCHEMA@10', 'ENV_SCHEMA@2', 'ENV_SCHEMA@3', 'ENV_SCHEMA@4', 'ENV_SCHEMA@5', 'ENV_SCHEMA@6', 'ENV_SCHEMA@8'].sort());
    const messages = build(text).diagnostics.map((d) => d.message);
    expect(messages).toContain('unknown key "unknownKey"');
    expect(messages).toContain('server.type must be one of: OSS, Enterprise');
    expect(messages.some((m) => m.includes('"bad-name" must be an identifier'))).toBe(true);
  });

  it('requires a server URL and a mapping', () => {
    expect(codes('description: x\n')).toEqual(['ENV_SCHEMA@1']);
    expect(codes('- a\n- b\n')).toEqual(['ENV_SCHEMA@1']);
    expect(codes('')).toEqual(['ENV_SCHEMA@1']);
  });

  it('checks override keys and globs', () => {
    const text = ['server:', '  url: http://h', 'overrides:', '  workflow/x:', '    a: 1', 'prune:', '  include: ["a[b"]', 'definitions:', '  names:', '    exclude: ["{x"]'].join('\n');
    expect(codes(text).sort()).toEqual(['ENV_GLOB@10', 'ENV_GLOB@7', 'ENV_OVERRIDE_KEY@4'].sort());
  });

  it('reports YAML syntax errors with line and column', () => {
    const { value, diagnostics } = build('server:\n  url: [unclosed\n');
    expect(value).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'ENV_YAML', file: FILE });
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(2);
  });
});

describe('reading environment files', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const repo = () => {
    const dir = mkdtempSync(join(tmpdir(), 'envs-'));
    dirs.push(dir);
    return dir;
  };

  it('lists *.yaml names sorted and reads one; a missing one is undefined', async () => {
    const root = repo();
    mkdirSync(join(root, 'environments'));
    writeFileSync(join(root, 'environments', 'staging.yaml'), 'server:\n  url: https://s\n');
    writeFileSync(join(root, 'environments', 'local.yaml'), 'server:\n  url: http://localhost:8080\n');
    writeFileSync(join(root, 'environments', 'README.md'), '# not an environment\n');
    expect(await listEnvironmentNames(root)).toEqual(['local', 'staging']);
    expect((await readEnvironment(root, 'staging'))?.value?.server.url).toBe('https://s');
    expect(await readEnvironment(root, 'nope')).toBeUndefined();
    expect(await readEnvironment(root, '../staging')).toBeUndefined();
  });

  it('treats a repo without environments/ as having none', async () => {
    expect(await listEnvironmentNames(repo())).toEqual([]);
  });

  it('the shipped environments are valid', async () => {
    const root = resolve(import.meta.dirname, '../../..');
    const names = await listEnvironmentNames(root);
    expect(names).toEqual(expect.arrayContaining(['local', 'production', 'staging']));
    for (const name of names) {
      const read = await readEnvironment(root, name);
      expect(read?.diagnostics, name).toEqual([]);
    }
    const local = await readEnvironment(root, 'local');
    expect(local?.value).toMatchObject({ server: { url: 'http://localhost:8080/api', type: 'OSS' }, auth: {} });
    const production = await readEnvironment(root, 'production');
    expect(production?.value?.server.type).toBe('Enterprise');
    expect(production?.value?.overrides.some((o) => typeof o.patch['retryCount'] === 'number')).toBe(true);
  });
});
