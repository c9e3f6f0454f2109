/** `conductor export` through the built CLI (issue 4 item 11): adopting a server, into empty and existing repos. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/dev-server.js';
import { cliIn, createTempRepo, unique, type TempRepo } from './reconcile-harness.js';

let server: TestServer;
let source: TempRepo;
let target: TempRepo;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());
beforeEach(() => {
  source = createTempRepo();
  target = createTempRepo();
});
afterEach(() => {
  source.cleanup();
  target.cleanup();
});

it('conductor export writes the repo layout; plan afterwards exits 0 with --detailed-exitcode', async () => {
  const [task, flow] = [unique('task'), unique('flow')];
  source.writeDefinition(`tasks/${task}.yaml`, { name: task, retryCount: 2, responseTimeoutSeconds: 30 });
  source.writeDefinition(`workflows/${flow}.yaml`, { name: flow, version: 2, tasks: [{ name: task, taskReferenceName: 'a' }] });
  expect((await cliIn(source, server.url)('apply', '--auto-approve')).exitCode).toBe(0);

  const cli = cliIn(target, server.url);
  const exported = await cli('export', '--format', 'json');
  expect(exported.exitCode).toBe(0);
  expect(exported.stdout).toContain(`+ definitions/workflows/${flow}.v2.json`);
  expect(exported.stdout).toMatch(/Exported \d+ definitions from .* to definitions\/: \d+ created, 0 updated, 0 unchanged\./);
  expect(JSON.parse(readFileSync(join(target.dir, `definitions/tasks/${task}.json`), 'utf8'))).toEqual({ name: task, retryCount: 2, responseTimeoutSeconds: 30 });
  const plan = await cli('plan', '--detailed-exitcode');
  expect([plan.exitCode, plan.stdout]).toEqual([0, expect.stringContaining('No changes')]);
  expect((await cli('export', '--format', 'xml')).exitCode).toBe(4);
});

it('export into a repo that already holds the definitions rewrites their files, never duplicates them', async () => {
  const [task, other, flow] = [unique('task'), unique('other'), unique('flow')];
  source.writeDefinition(`tasks/${task}.yaml`, { name: task, retryCount: 1 });
  source.writeDefinition(`tasks/${other}.yaml`, { name: other });
  source.writeDefinition(`workflows/${flow}.yaml`, { name: flow, version: 1, tasks: [{ name: task, taskReferenceName: 'a' }] });
  expect((await cliIn(source, server.url)('apply', '--auto-approve')).exitCode).toBe(0);

  // The target repo has the workflow under its own file name, one task def in a file shared
  // with a definition the server lacks, and the path export would choose for the other task
  // def taken by a definition the server lacks.
  const [extra1, extra2] = [unique('extra'), unique('extra')];
  target.writeFile(`definitions/my-flow.json`, JSON.stringify({ name: flow, version: 1, description: 'stale', tasks: [{ name: task, taskReferenceName: 'a' }] }));
  target.writeDefinition('tasks/all.yaml', [{ name: task, retryCount: 1 }, { name: extra1 }]);
  target.writeDefinition(`tasks/${other}.yaml`, { name: extra2 });
  const cli = cliIn(target, server.url);
  const exported = await cli('export');
  expect(exported.exitCode, exported.stderr).toBe(0);
  expect(exported.stdout).toContain('~ definitions/my-flow.json');
  expect(exported.stdout).toContain(`+ definitions/tasks/${other}-2.yaml`);
  expect(exported.stderr).toContain(`warning: taskDef/${task} is in definitions/tasks/all.yaml with other definitions: not rewritten`);
  expect(JSON.parse(readFileSync(join(target.dir, 'definitions/my-flow.json'), 'utf8'))).not.toHaveProperty('description');
  const plan = await cli('plan', '--detailed-exitcode');
  expect(plan.stderr).not.toContain('DEF_DUPLICATE');
  // Only the two definitions the server lacks remain to create.
  expect([plan.exitCode, plan.stdout]).toEqual([2, expect.stringContaining('Plan: 2 to create, 0 to update, 0 to delete.')]);
});

it('export refuses a --dir that is a file, and reports a file it cannot write (exit 4, no stack trace)', async () => {
  source.writeDefinition(`tasks/${unique('t')}.yaml`, { name: unique('t') });
  expect((await cliIn(source, server.url)('apply', '--auto-approve')).exitCode).toBe(0);
  target.writeFile('a-file.yaml', 'name: x\n');
  const cli = cliIn(target, server.url);
  const onFile = await cli('export', '--dir', 'a-file.yaml');
  expect([onFile.exitCode, onFile.stderr]).toEqual([4, 'error: --dir a-file.yaml is a file, not a directory\n']);
  const below = await cli('export', '--dir', 'a-file.yaml/sub');
  expect(below.exitCode).toBe(4);
  expect(below.stderr).toMatch(/error: cannot write a-file\.yaml\/sub\/\w+\/.*: ENOTDIR/);
  expect(below.stderr).not.toMatch(/bug in conductor|\n\s+at /);
});
