#!/usr/bin/env node
// Dev server metadata benchmark (issue 3). Needs `npx tsc -p tsconfig.build.json` first.
// 1. start-up: `conductor server start` (background) until it has printed the URL, i.e. until
//    /health answered; median of STARTS runs. Target < 1 s.
// 2. register 1,000 workflow defs with ONE PUT, then 1,000 more versions with 1,000 POSTs.
// 3. read back: GET /metadata/workflow (all) and /latest-versions, median of READS runs.
//    Target: GET of all 1,000 under 100 ms.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/ratio.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const cli = resolve(root, 'bin/conductor.js');
const N = Number(process.env.DEFS ?? 1000);
const STARTS = Number(process.env.STARTS ?? 5);
const READS = Number(process.env.READS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'bench-devserver-'));
const ms = (x) => `${x.toFixed(1).padStart(8)} ms`;

function conductor(...args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (result.status !== 0) throw new Error(`conductor ${args.join(' ')} failed: ${result.stderr}`);
  return { stdout: result.stdout.trim(), ms: performance.now() - started };
}

function workflowDef(name, version) {
  const task = (i) => ({
    name: `task_${i}`,
    taskReferenceName: `step_${i}`,
    type: 'SIMPLE',
    inputParameters: { orderId: '${workflow.input.orderId}', previous: i > 0 ? `\${step_${i - 1}.output.result}` : 'none' },
  });
  return { name, version, description: `benchmark workflow ${name}`, ownerEmail: 'bench@example.com', tasks: [0, 1, 2, 3, 4].map(task), outputParameters: { result: '${step_4.output.result}' } };
}

async function call(method, url, body) {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 200)}`);
  return text;
}

async function timeReads(url) {
  const samples = [];
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < READS; i++) {
    const started = performance.now();
    const text = await call('GET', url);
    const parsed = JSON.parse(text);
    samples.push(performance.now() - started);
    count = parsed.length;
    bytes = text.length;
  }
  return { median: median(samples), count, bytes };
}

try {
  console.log(`dev server metadata benchmark (node ${process.version}, ${N} defs)`);
  const startups = [];
  for (let i = 0; i < STARTS; i++) {
    const dir = join(work, `start-${i}`);
    startups.push(conductor('server', 'start', '--port', '0', '--data-dir', dir).ms);
    conductor('server', 'stop', '--data-dir', dir);
  }
  console.log(`server start until healthy   ${ms(median(startups))}  (median of ${STARTS}; min ${Math.min(...startups).toFixed(1)}, max ${Math.max(...startups).toFixed(1)})`);

  const dir = join(work, 'data');
  const api = conductor('server', 'start', '--port', '0', '--data-dir', dir).stdout;
  try {
    const names = Array.from({ length: N }, (_, i) => `bench_wf_${String(i).padStart(4, '0')}`);
    let started = performance.now();
    const bulk = JSON.parse(await call('PUT', `${api}/metadata/workflow`, names.map((n) => workflowDef(n, 1))));
    const putMs = performance.now() - started;
    if (bulk.bulkSuccessfulResults.length !== N) throw new Error('PUT did not register every def');
    console.log(`PUT ${N} defs in one request   ${ms(putMs)}  (${(N / (putMs / 1000)).toFixed(0)} defs/s)`);

    const all1 = await timeReads(`${api}/metadata/workflow`);
    console.log(`GET all (${all1.count} defs, ${(all1.bytes / 1024).toFixed(0)} KiB)     ${ms(all1.median)}  (median of ${READS})`);

    started = performance.now();
    for (const name of names) await call('POST', `${api}/metadata/workflow`, workflowDef(name, 2));
    const postMs = performance.now() - started;
    console.log(`POST ${N} defs, one by one     ${ms(postMs)}  (${(N / (postMs / 1000)).toFixed(0)} requests/s, ${(postMs / N).toFixed(2)} ms each)`);

    const all2 = await timeReads(`${api}/metadata/workflow`);
    console.log(`GET all (${all2.count} defs, ${(all2.bytes / 1024).toFixed(0)} KiB)    ${ms(all2.median)}  (median of ${READS})`);
    const latest = await timeReads(`${api}/metadata/workflow/latest-versions`);
    console.log(`GET latest-versions (${latest.count})   ${ms(latest.median)}  (median of ${READS})`);
    const verdict = (ok) => (ok ? 'ok' : 'MISSED');
    console.log(`targets: GET all ${N} < 100 ms: ${verdict(all1.median < 100)}; start-up < 1 s: ${verdict(median(startups) < 1000)}`);
  } finally {
    conductor('server', 'stop', '--data-dir', dir);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
