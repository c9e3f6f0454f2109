/**
 * The target precedence (issue 2 item 5, docs/style.md "Commands are thin") proven on real
 * traffic, not on `env show`: the built CLI runs `plan` against a dev server, and every layer
 * that should lose points at a port where nothing listens. A wrong precedence therefore fails
 * with exit 1 (server unreachable) instead of planning. Order: flags > the selected profile
 * (environment file or official-CLI profile, by --profile or CONDUCTOR_PROFILE) >
 * CONDUCTOR_* variables > ~/.conductor-cli/config.yaml.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { closedServerUrl } from './reconcile-harness.js';

let server: TestServer;
let deadUrl: string;
let root: string;

beforeAll(async () => {
  server = await startTestServer();
  deadUrl = `${await closedServerUrl()}/api`;
  root = mkdtempSync(join(tmpdir(), 'env-precedence-'));
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A repo with one task def and an environment `stage` (→ `stageUrl`), and a HOME with official-CLI files. */
function setUp(name: string, files: { stageUrl?: string; home?: Record<string, string> }): { cwd: string; home: string } {
  const cwd = join(root, name, 'repo');
  const home = join(root, name, 'home');
  mkdirSync(join(cwd, 'definitions'), { recursive: true });
  mkdirSync(join(home, '.conductor-cli'), { recursive: true });
  writeFileSync(join(cwd, 'definitions', 'task.json'), JSON.stringify({ name: `precedence_${name}` }));
  if (files.stageUrl) {
    mkdirSync(join(cwd, 'environments'));
    writeFileSync(join(cwd, 'environments', 'stage.yaml'), `server:\n  url: ${files.stageUrl}\n  type: OSS\n`);
  }
  for (const [file, text] of Object.entries(files.home ?? {})) writeFileSync(join(home, '.conductor-cli', file), text);
  return { cwd, home };
}

async function plan(where: { cwd: string; home: string }, args: string[], env: Record<string, string> = {}) {
  const result = await runCli([...args, 'plan', '--json'], { cwd: where.cwd, env: { HOME: where.home, ...env } });
  return { ...result, output: result.stdout + result.stderr };
}

function expectPlanned(result: Awaited<ReturnType<typeof plan>>): void {
  expect(result.exitCode, result.output).toBe(0);
  expect((JSON.parse(result.stdout) as { summary: { create: number } }).summary.create).toBe(1);
}

function expectUnreachable(result: Awaited<ReturnType<typeof plan>>): void {
  expect(result.exitCode, result.output).toBe(1);
  expect(result.stderr).toContain(deadUrl.replace(/\/api$/, ''));
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('target precedence on real traffic', () => {
  it('an environment selected by --profile is not overridden by exported CONDUCTOR_SERVER_URL', async () => {
    const where = setUp('env-flag', { stageUrl: server.url });
    expectPlanned(await plan(where, ['--profile', 'stage'], { CONDUCTOR_SERVER_URL: deadUrl }));
  });

  it('an environment selected by CONDUCTOR_PROFILE is not overridden by exported CONDUCTOR_SERVER_URL', async () => {
    const where = setUp('env-var', { stageUrl: server.url });
    expectPlanned(await plan(where, [], { CONDUCTOR_PROFILE: 'stage', CONDUCTOR_SERVER_URL: deadUrl }));
  });

  it('an official-CLI profile (~/.conductor-cli/config-<name>.yaml) is not overridden by CONDUCTOR_SERVER_URL', async () => {
    const where = setUp('official', { home: { 'config-ci.yaml': `server: ${server.url}\n` } });
    expectPlanned(await plan(where, ['--profile', 'ci'], { CONDUCTOR_SERVER_URL: deadUrl }));
  });

  it('a --server flag beats the selected profile', async () => {
    const where = setUp('flag', { stageUrl: server.url });
    expectUnreachable(await plan(where, ['--profile', 'stage', '--server', deadUrl]));
  });

  it('without a profile, CONDUCTOR_SERVER_URL beats ~/.conductor-cli/config.yaml', async () => {
    const where = setUp('variables', { home: { 'config.yaml': `server: ${deadUrl}\n` } });
    expectPlanned(await plan(where, [], { CONDUCTOR_SERVER_URL: server.url }));
  });

  it('with nothing else set, ~/.conductor-cli/config.yaml is used', async () => {
    const where = setUp('default-file', { home: { 'config.yaml': `server: ${deadUrl}\n` } });
    expectUnreachable(await plan(where, []));
  });
});
