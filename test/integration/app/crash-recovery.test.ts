/**
 * Killing `conductor apply` (the built CLI, SIGKILL) in the middle of an apply, right after
 * the server accepted a batch whose answer the process never saw, then running apply again:
 * it converges and no workflow gets a version twice. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyChanges } from '../../../src/app/apply.js';
import { WORKFLOW_BATCH } from '../../../src/app/apply-batches.js';
import { planChanges } from '../../../src/app/plan.js';
import { cliPath, minimalEnv } from '../../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../../helpers/dev-server.js';
import { createHarness, createTempRepo } from './app-harness.js';
import { startFailingProxy } from './failing-proxy.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

// At least three PUT batches, whatever the batch size is tuned to: the kill lands on the second.
const COUNT = 2 * WORKFLOW_BATCH + 20;

it('converges after the apply process is killed mid-way, with no duplicate versions', { timeout: 60_000 }, async () => {
  const prefix = `crash_${Math.random().toString(36).slice(2, 8)}`;
  const names = Array.from({ length: COUNT }, (_, i) => `${prefix}_${String(i).padStart(3, '0')}`);
  const repo = createTempRepo();
  const proxy = await startFailingProxy(server.url);
  try {
    const write = (description: string) => {
      for (const name of names) repo.writeDefinition(`workflows/${name}.yaml`, { name, version: 1, description, tasks: [{ name: 'a', taskReferenceName: 'a' }] });
    };
    write('first');
    expect((await applyChanges(createHarness(repo, server.url).options())).failed).toEqual([]);
    write('second'); // every workflow changes: bump to version 2

    let puts = 0;
    proxy.rules.push((r) => (r.method === 'PUT' && ++puts === 2 ? { kind: 'forward-then-hold' } : undefined));
    const child = spawn(process.execPath, [cliPath, 'apply', '--auto-approve', '--parallelism', '1', '--server', proxy.url], {
      cwd: repo.dir,
      env: minimalEnv({ HOME: `${repo.dir}/.home` }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const held = await proxy.nextHeld(); // the server has stored the second batch
    expect(held.method).toBe('PUT');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const versions = await readVersions(names);
    const bumped = names.filter((name) => versions.get(name)!.includes(2)).length;
    expect(bumped, 'the kill happened mid-way').toBeGreaterThan(0);
    expect(bumped).toBeLessThan(COUNT);

    const rerun = await applyChanges(createHarness(repo, server.url).options());
    expect(rerun.failed).toEqual([]);
    expect(rerun.applied).toHaveLength(COUNT - bumped);
    const after = await readVersions(names);
    for (const name of names) expect(after.get(name), name).toEqual([1, 2]);
    const { plan } = await planChanges(createHarness(repo, server.url).options());
    expect(plan.changes.every((c) => c.action === 'no-op')).toBe(true);
  } finally {
    await proxy.close();
    repo.cleanup();
  }
});

async function readVersions(names: string[]): Promise<Map<string, number[]>> {
  const all = (await (await fetch(`${server.url}/metadata/workflow`)).json()) as { name: string; version: number }[];
  const versions = new Map(names.map((name) => [name, [] as number[]]));
  for (const def of all) versions.get(def.name)?.push(def.version);
  for (const list of versions.values()) list.sort((a, b) => a - b);
  return versions;
}
