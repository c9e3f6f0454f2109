#!/usr/bin/env node
// `conductor workflow status <id>` end to end (process start to exit, one HTTP call to a
// dev server started here) as a ratio to `node -e 0` in the same run (issue 6: at most
// 2.5x). Interleaved runs, medians. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BASELINE, cli, reportRatios, root, sampleInterleaved, warnIfBundleStale } from './lib/ratio.mjs';

const runs = Number(process.env.RUNS ?? 30);
warnIfBundleStale();
const { startDevServer } = await import(resolve(root, 'dist/src/devserver/index.js'));

const dataDir = mkdtempSync(join(tmpdir(), 'bench-runtime-'));
const server = await startDevServer({ port: 0, host: '127.0.0.1', dataDir });
try {
  const api = server.apiUrl;
  const post = (path, body) => fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('/metadata/taskdefs', [{ name: 'bench_task', ownerEmail: 'bench@example.com', retryCount: 0 }]);
  await post('/metadata/workflow', { name: 'bench_flow', version: 1, ownerEmail: 'bench@example.com', schemaVersion: 2, tasks: [{ name: 'bench_task', taskReferenceName: 'b', type: 'SIMPLE' }] });
  const id = (await (await post('/workflow/bench_flow', {})).text()).trim();

  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', CONDUCTOR_SERVER_URL: api };
  const cases = {
    [BASELINE]: [process.execPath, ['-e', '0']],
    'conductor workflow status': [process.execPath, [cli, 'workflow', 'status', id]],
  };
  // The server runs in this process, so runs are spawned asynchronously (spawnSync would block it).
  const timeOnce = ([cmd, args]) =>
    new Promise((resolveRun, reject) => {
      const start = process.hrtime.bigint();
      let out = '';
      const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}`));
        if (args.includes('status') && out.trim() !== 'RUNNING') return reject(new Error(`unexpected status output ${out}`));
        resolveRun(Number(process.hrtime.bigint() - start) / 1e6);
      });
    });
  reportRatios('workflow status end to end', await sampleInterleaved(cases, runs, timeOnce), runs);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
