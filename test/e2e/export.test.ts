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
