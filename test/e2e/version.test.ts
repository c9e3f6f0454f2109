/** `conductor version bump --since` through the built CLI (issue 4 item 5), in a temp git repo. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from './reconcile-harness.js';

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo();
});
afterEach(() => repo.cleanup());

const file = (version: number, description: string) =>
  `# Orders\nname: order_flow\nversion: ${version}   # bump me\ndescription: ${description}\ntasks:\n  - name: charge\n    taskReferenceName: charge_ref\n`;

it('conductor version bump --since raises changed workflows in place, keeping comments', async () => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'test');
  repo.writeFile('definitions/workflows/order.yaml', file(3, 'before'));
  git('add', '.');
  git('commit', '-qm', 'base');
  repo.writeFile('definitions/workflows/order.yaml', file(3, 'after'));

  const run = (...args: string[]) => runCli(args, { cwd: repo.dir, env: { HOME: repo.dir } });
  const dry = await run('version', 'bump', '--since', 'HEAD', '--dry-run');
  expect([dry.exitCode, dry.stdout]).toEqual([0, expect.stringContaining('would raise 1 version relative to git HEAD')]);
  expect(readFileSync(join(repo.dir, 'definitions/workflows/order.yaml'), 'utf8')).toBe(file(3, 'after'));

  const bumped = await run('version', 'bump', '--since', 'HEAD');
  expect(bumped.exitCode).toBe(0);
  expect(bumped.stdout).toContain('definitions/workflows/order.yaml: order_flow 3 → 4 (git HEAD has 3)');
  expect(readFileSync(join(repo.dir, 'definitions/workflows/order.yaml'), 'utf8')).toBe(file(4, 'after'));
  expect((await run('version', 'bump', '--since', 'HEAD')).stdout).toContain('No workflow changed');
  expect((await run('version', 'bump', '--since', 'nope')).exitCode).toBe(4);
});

it('version bump --since refuses a bad ref or a directory outside git, even with no workflow to compare (exit 4)', async () => {
  repo.writeFile('definitions/tasks/t.yaml', 'name: only_a_task\n');
  const run = (...args: string[]) => runCli(args, { cwd: repo.dir, env: { HOME: repo.dir } });
  const outside = await run('version', 'bump', '--since', 'HEAD');
  expect(outside.exitCode).toBe(4);
  expect(outside.stderr).toContain('needs a git repository');
  execFileSync('git', ['init', '-q'], { cwd: repo.dir });
  const unknown = await run('version', 'bump', '--since', 'no-such-ref');
  expect([unknown.exitCode, unknown.stderr]).toEqual([4, expect.stringContaining('unknown git ref "no-such-ref"')]);
});
