/** `conductor env list|show`, spawned for real with a temp HOME (docs/style.md #11). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli as spawnCli, type RunCliOptions } from '../helpers/run-cli.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

function repo(environments: Record<string, string>): string {
  const root = tempDir('env-e2e-repo-');
  mkdirSync(join(root, 'environments'));
  for (const [name, text] of Object.entries(environments)) writeFileSync(join(root, 'environments', `${name}.yaml`), text);
  return root;
}

/** Always a fresh HOME, so a developer's ~/.conductor-cli never leaks in. */
function runCli(args: string[], options: RunCliOptions = {}) {
  return spawnCli(args, { ...options, env: { HOME: tempDir('home-'), ...options.env } });
}

const STAGING = 'server:\n  url: https://staging.example.com\n  type: Enterprise\nauth:\n  keyIdEnv: STG_KEY_ID\n  keySecretEnv: STG_KEY_SECRET\n';
const SECRETS = { STG_KEY_ID: 'stg-key-id-4711', STG_KEY_SECRET: 'stg-secret-0815' };

describe('conductor env list', () => {
  it('lists the shipped environments with server URL and type', async () => {
    const result = await runCli(['env', 'list']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^NAME\s+SERVER\s+TYPE/);
    expect(result.stdout).toMatch(/local\s+http:\/\/localhost:8080\/api\s+OSS/);
    expect(result.stdout).toMatch(/production\s+\S+\s+Enterprise/);
    expect(result.stdout).toMatch(/staging\s+\S+\s+Enterprise/);
  });

  it('prints one JSON document with --json', async () => {
    const result = await runCli(['env', 'list', '--json'], { cwd: repo({ staging: STAGING }) });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      environments: [{ name: 'staging', file: 'environments/staging.yaml', serverUrl: 'https://staging.example.com/api', serverType: 'Enterprise', isValid: true }],
      diagnostics: [],
    });
  });

  it('exits 3 and shows file:line diagnostics for an invalid environment, still listing the others', async () => {
    const cwd = repo({ staging: STAGING, broken: 'server:\n  url: http://h\nauth:\n  keySecret: do-not-print-me\n' });
    const result = await runCli(['env', 'list'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/broken\s+\(invalid: see errors\)/);
    expect(result.stdout).toMatch(/staging\s+https:\/\/staging\.example\.com\/api/);
    expect(result.stderr).toContain('environments/broken.yaml');
    expect(result.stderr).toMatch(/4:\d+\s+error\s.*\[ENV_LITERAL_SECRET\]/);
    expect(result.stdout + result.stderr).not.toContain('do-not-print-me');
  });
});

describe('conductor env show', () => {
  it('shows the resolved settings with sources, credentials masked (text and JSON)', async () => {
    const cwd = repo({ staging: STAGING });
    const text = await runCli(['env', 'show', 'staging'], { cwd, env: SECRETS });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/server\s+https:\/\/staging\.example\.com\/api\s+environments\/staging\.yaml/);
    expect(text.stdout).toMatch(/auth-secret\s+\*\*\*\*\s+environments\/staging\.yaml \(\$STG_KEY_SECRET\)/);
    const json = await runCli(['--profile', 'staging', 'env', 'show', '--json'], { cwd, env: SECRETS });
    const view = JSON.parse(json.stdout) as { auth: string; settings: { name: string; value?: string }[]; environment: { name: string } };
    expect(view.auth).toBe('key');
    expect(view.settings.find((s) => s.name === 'auth-key')?.value).toBe('****');
    expect(view.environment.name).toBe('staging');
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) {
      expect(output).not.toContain(SECRETS.STG_KEY_ID);
      expect(output).not.toContain(SECRETS.STG_KEY_SECRET);
    }
  });

  it('names the unset credential variables instead of failing', async () => {
    const result = await runCli(['env', 'show', 'staging'], { cwd: repo({ staging: STAGING }) });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('(not set: $STG_KEY_SECRET)');
    expect(result.stdout).toContain('AUTH_ENV_MISSING');
  });

  it('keeps the profile when CONDUCTOR_SERVER_URL is exported; a flag still overrides it', async () => {
    const cwd = repo({ staging: STAGING });
    const env = { ...SECRETS, CONDUCTOR_SERVER_URL: 'http://exported:1' };
    const profile = await runCli(['--profile', 'staging', 'env', 'show', '--json'], { cwd, env });
    expect(JSON.parse(profile.stdout)).toMatchObject({ serverUrl: 'https://staging.example.com/api', source: 'environment' });
    const flag = await runCli(['--profile', 'staging', '--server', 'http://flag:2', 'env', 'show', '--json'], { cwd, env });
    expect(JSON.parse(flag.stdout)).toMatchObject({ serverUrl: 'http://flag:2/api' });
  });

  it('exits 4 for an unknown profile, listing the environments', async () => {
    const result = await runCli(['env', 'show', 'qa'], { cwd: repo({ staging: STAGING }) });
    expect(result.exitCode).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown profile "qa"');
    expect(result.stderr).toContain('environments: staging');
  });

  it('exits 3 for an environment with a literal secret, naming file and line', async () => {
    const cwd = repo({ leaky: 'server:\n  url: http://h\nvariables:\n  apiToken: leaked-value-1234\n' });
    const result = await runCli(['--profile', 'leaky', 'env', 'show'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('environments/leaky.yaml');
    expect(result.stderr).toMatch(/4:\d+\s+error\s+variable "apiToken" looks like a secret/);
    expect(result.stdout + result.stderr).not.toContain('leaked-value-1234');
  });
});
