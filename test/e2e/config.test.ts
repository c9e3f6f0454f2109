/**
 * `conductor config save|list|show|delete`, spawned for real with a temp HOME. The prompt
 * tests need a terminal: they run the CLI under util-linux `script`, which gives it a pty
 * (skipped where `script` is missing).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliPath, minimalEnv, repoRoot, runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempHome(files: Record<string, string> = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'config-e2e-home-'));
  dirs.push(home);
  if (Object.keys(files).length > 0) mkdirSync(join(home, '.conductor-cli'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(home, '.conductor-cli', name), text, { mode: 0o600 });
  return home;
}

const KEY = 'key-id-31337';
const SECRET = 'key-secret-90210';

describe('conductor config save (no terminal: from flags)', () => {
  it('writes config-<profile>.yaml in the official format, mode 0600, printing no secret', async () => {
    const home = tempHome();
    const args = ['--server', 'https://prod.example.com', '--server-type', 'Enterprise', '--auth-key', KEY, '--auth-secret', SECRET, 'config', 'save', '--profile', 'prod'];
    const result = await runCli(args, { env: { HOME: home } });
    expect(result.exitCode).toBe(0);
    const file = join(home, '.conductor-cli', 'config-prod.yaml');
    expect(result.stdout).toBe(`saved profile "prod" to ${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe(`server: https://prod.example.com\nserver-type: Enterprise\nauth-key: ${KEY}\nauth-secret: ${SECRET}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('writes config.yaml without --profile and keeps settings that are not given', async () => {
    const home = tempHome({ 'config.yaml': 'server: http://old:8080\nauth-token: old-token-1\ncached-token: c\n' });
    const result = await runCli(['--auth-key', KEY, '--auth-secret', SECRET, 'config', 'save'], { env: { HOME: home } });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(home, '.conductor-cli', 'config.yaml'), 'utf8')).toBe(`server: http://old:8080\nauth-key: ${KEY}\nauth-secret: ${SECRET}\n`);
  });

  it('exits 4 when there is nothing to save', async () => {
    const home = tempHome();
    const result = await runCli(['config', 'save'], { env: { HOME: home } });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('nothing to save');
    expect(existsSync(join(home, '.conductor-cli'))).toBe(false);
  });

  it('exits 4 for an unusable server URL (not http, or with credentials), saving nothing and echoing no password', async () => {
    const home = tempHome();
    const notHttp = await runCli(['--server', 'localhost:8080', 'config', 'save'], { env: { HOME: home } });
    expect([notHttp.exitCode, notHttp.stdout, notHttp.stderr]).toEqual([4, '', 'error: the server URL is not an http(s) URL\n']);
    const withPassword = await runCli(['--server', `https://me:${SECRET}@host`, 'config', 'save'], { env: { HOME: home } });
    expect(withPassword.exitCode).toBe(4);
    expect(withPassword.stderr).toContain('the server URL must not contain credentials');
    expect(withPassword.stdout + withPassword.stderr).not.toContain(SECRET);
    expect(existsSync(join(home, '.conductor-cli'))).toBe(false);
  });
});

describe('conductor config list|show', () => {
  const files = { 'config.yaml': 'server: http://default:8080\n', 'config-prod.yaml': `server: https://prod\nserver-type: Enterprise\nauth-key: ${KEY}\nauth-secret: ${SECRET}\n` };

  it('lists the profiles, default first', async () => {
    const home = tempHome(files);
    const text = await runCli(['config', 'list'], { env: { HOME: home } });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/PROFILE\s+SERVER\s+TYPE\s+AUTH\s+FILE\ndefault\s+http:\/\/default:8080\s+-\s+none\s+\S+config\.yaml\nprod\s+https:\/\/prod\s+Enterprise\s+key\s+\S+config-prod\.yaml\n$/);
    const json = await runCli(['config', 'list', '--json'], { env: { HOME: home } });
    expect((JSON.parse(json.stdout) as { profiles: { profile: string }[] }).profiles.map((p) => p.profile)).toEqual(['default', 'prod']);
    expect(text.stdout + json.stdout).not.toContain(SECRET);
  });

  it('shows each setting with its source, secrets masked unless --show-secrets', async () => {
    const home = tempHome(files);
    const masked = await runCli(['--profile', 'prod', 'config', 'show'], { env: { HOME: home } });
    expect(masked.exitCode).toBe(0);
    expect(masked.stdout).toMatch(/auth-secret\s+\*\*\*\*\s+\S+config-prod\.yaml/);
    expect(masked.stdout + masked.stderr).not.toContain(SECRET);
    const shown = await runCli(['--profile', 'prod', 'config', 'show', '--show-secrets', '--json'], { env: { HOME: home } });
    const view = JSON.parse(shown.stdout) as { settings: { name: string; value?: string }[] };
    expect(view.settings.find((s) => s.name === 'auth-secret')?.value).toBe(SECRET);
  });

  it('follows the precedence: flag > CONDUCTOR_* > default file > built-in', async () => {
    const home = tempHome(files);
    const show = async (args: string[], env: Record<string, string> = {}) =>
      JSON.parse((await runCli([...args, 'config', 'show', '--json'], { env: { HOME: home, ...env } })).stdout) as { serverUrl: string; source: string };
    expect(await show([])).toMatchObject({ serverUrl: 'http://default:8080/api', source: 'default-file' });
    expect(await show([], { CONDUCTOR_SERVER_URL: 'http://env:1' })).toMatchObject({ serverUrl: 'http://env:1/api', source: 'env' });
    expect(await show(['--server', 'http://flag:2'], { CONDUCTOR_SERVER_URL: 'http://env:1' })).toMatchObject({ serverUrl: 'http://flag:2/api' });
    expect(await show(['--profile', 'prod'], { CONDUCTOR_SERVER_URL: 'http://env:1' })).toMatchObject({ serverUrl: 'https://prod/api', source: 'profile-file' });
    const empty = JSON.parse((await runCli(['config', 'show', '--json'], { env: { HOME: tempHome() } })).stdout) as { serverUrl: string };
    expect(empty.serverUrl).toBe('http://localhost:8080/api');
  });

  it('masks a secret from CONDUCTOR_AUTH_TOKEN everywhere', async () => {
    const result = await runCli(['config', 'show', '--json'], { env: { HOME: tempHome(), CONDUCTOR_AUTH_TOKEN: 'env-token-secret-77' } });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ auth: 'token' });
    expect(result.stdout).not.toContain('env-token-secret-77');
  });
});

describe('conductor config delete', () => {
  it('refuses without a terminal and without -y (exit 5), deletes with -y, exits 4 for an unknown profile', async () => {
    const home = tempHome({ 'config-prod.yaml': 'server: https://prod\n' });
    const file = join(home, '.conductor-cli', 'config-prod.yaml');
    const refused = await runCli(['config', 'delete', 'prod'], { env: { HOME: home } });
    expect(refused.exitCode).toBe(5);
    expect(refused.stderr).toContain('pass -y');
    expect(existsSync(file)).toBe(true);
    const deleted = await runCli(['config', 'delete', 'prod', '-y'], { env: { HOME: home } });
    expect(deleted.exitCode).toBe(0);
    expect(deleted.stdout).toContain('deleted profile "prod"');
    expect(existsSync(file)).toBe(false);
    const unknown = await runCli(['--profile', 'prod', 'config', 'delete', '-y'], { env: { HOME: home } });
    expect(unknown.exitCode).toBe(4);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs the CLI on a pty, answering each prompt (matched on the output so far) in turn. */
function runOnTerminal(args: string[], home: string, answers: [RegExp, string][]): Promise<{ output: string; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const command = ['node', cliPath, ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: repoRoot, env: minimalEnv({ HOME: home }) });
    let output = '';
    let next = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const answer = answers[next];
      if (answer && answer[0].test(output)) {
        next++;
        child.stdin.write(`${answer[1]}\r`);
      }
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ output, exitCode });
    });
  });
}

describe.skipIf(!hasScript)('conductor config on a terminal (via script)', () => {
  it('save prompts for each setting, hides the secret, writes the file', async () => {
    const home = tempHome();
    const result = await runOnTerminal(['config', 'save', '--profile', 'tty'], home, [
      [/Server URL \[http:\/\/localhost:8080\/api\]: /, 'http://tty:8080'],
      [/Server type \(OSS\/Enterprise\) \[OSS\]: /, 'enterprise'],
      [/Authentication \(none\/key\/token\) \[none\]: /, 'key'],
      [/Key id: /, KEY],
      [/Key secret: /, SECRET],
    ]);
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(home, '.conductor-cli', 'config-tty.yaml'), 'utf8')).toBe(`server: http://tty:8080\nserver-type: Enterprise\nauth-key: ${KEY}\nauth-secret: ${SECRET}\n`);
    expect(result.output).not.toContain(SECRET);
  });

  it('delete asks, and answering no aborts with exit 5', async () => {
    const home = tempHome({ 'config.yaml': 'server: http://h\n' });
    const result = await runOnTerminal(['config', 'delete'], home, [[/Delete .*config\.yaml\? \(y\/N\): /, 'n']]);
    expect(result.exitCode).toBe(5);
    expect(existsSync(join(home, '.conductor-cli', 'config.yaml'))).toBe(true);
    const yes = await runOnTerminal(['config', 'delete'], home, [[/Delete .*config\.yaml\? \(y\/N\): /, 'y']]);
    expect(yes.exitCode).toBe(0);
    expect(existsSync(join(home, '.conductor-cli', 'config.yaml'))).toBe(false);
  });
});
