#!/usr/bin/env node
// Dev server bulk-write benchmark: the two endpoints `conductor apply` writes through,
// POST /metadata/taskdefs and PUT /metadata/workflow, with 1,000 task defs and 1,000 workflows
// in batches of 250. The bodies are the ones the CLI sends (plan of a repo shaped like
// bench/plan-apply.mjs's against an empty server, then apply-batches' serializeSendBody).
// Every trial starts a fresh server on a fresh data dir, in its own process, reads both lists
// (as apply's plan does), then writes task defs and workflows, and the same again (a warm
// server): with 4 requests in flight (as the client) and, on another fresh server, one at a
// time. Reported per endpoint, medians of TRIALS: wall ms, the server process's CPU time
// (process.cpuUsage: all threads, JIT and GC helpers included) and its main thread's CPU time
// (Linux /proc schedstat: handlers, GC pauses, SQLite; elsewhere event-loop busy time).
// Server CPU is asked for over IPC before and after each step.
// Needs `npm run build` first. Usage: node bench/server-bulk-write.mjs [--count 1000]
//   [--trials 7] [--baseline <dist dir>] [--profile]
//   --baseline: also run another build's server (a copy of dist/ from before a change), its
//     trials interleaved with this build's; --profile: one more concurrent trial of this build
//     under `node --cpu-prof`, the profile written to bench-profiles/.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRepo } from './lib/bench-repo.mjs';
import { median } from './lib/ratio.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const COUNT = Number(arg('--count', '1000'));
const TRIALS = Number(arg('--trials', '7'));
const BATCH = 250;
const PARALLELISM = 4;
/** This build's server, and optionally a baseline build (e.g. a copy of dist/ from before a change). */
const SERVER_DIST = join(root, 'dist');
const BASELINE_DIST = args.includes('--baseline') ? resolve(arg('--baseline')) : undefined;

const work = mkdtempSync(join(tmpdir(), 'conductor-bulk-bench-'));
try {
  const bodies = await buildSendBodies(work);
  const builds = BASELINE_DIST ? { baseline: BASELINE_DIST, current: SERVER_DIST } : { current: SERVER_DIST };
  const results = Object.fromEntries(Object.keys(builds).map((name) => [name, { concurrent: [], sequential: [] }]));
  // Builds and modes take turns, so a noisy neighbour slows all of them alike.
  for (let i = 0; i < TRIALS; i++) {
    for (const [name, dist] of Object.entries(builds)) {
      for (const mode of ['concurrent', 'sequential']) results[name][mode].push(await trial(join(work, `data-${name}-${mode}-${i}`), dist, bodies, mode));
    }
  }
  if (args.includes('--profile')) {
    mkdirSync(join(root, 'bench-profiles'), { recursive: true });
    const profileFlags = ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', join(root, 'bench-profiles')];
    await trial(join(work, 'data-profile'), SERVER_DIST, bodies, 'concurrent', profileFlags);
  }
  report(results);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The JSON text of each def exactly as `conductor apply` sends it to an empty server. */
async function buildSendBodies(dir) {
  const repo = writeRepo(join(dir, 'repo'), COUNT);
  const server = await startServer(join(dir, 'data-plan'), SERVER_DIST);
  try {
    const { planChanges } = await import(join(root, 'dist/src/app/plan.js'));
    const { serializeSendBody } = await import(join(root, 'dist/src/app/apply-batches.js'));
    const { plan } = await planChanges({ cwd: repo, env: {}, homeDir: join(repo, '.home'), flags: { server: server.url } });
    const of = (kind) => plan.changes.filter((c) => c.key.kind === kind && c.action === 'create').map(serializeSendBody);
    const bodies = { taskDefs: of('taskDef'), workflowDefs: of('workflowDef') };
    if (bodies.taskDefs.length !== COUNT || bodies.workflowDefs.length !== COUNT) throw new Error('plan did not create every definition');
    return bodies;
  } finally {
    await server.stop();
  }
}

/** One fresh server: task defs, then workflows, twice; wall ms and server CPU ms of each. */
async function trial(dataDir, dist, bodies, mode, nodeFlags = []) {
  const server = await startServer(dataDir, dist, nodeFlags);
  try {
    // As `conductor apply` does: its plan reads both lists before writing (not measured).
    for (const path of ['/metadata/taskdefs', '/metadata/workflow']) await (await fetch(`${server.url}${path}`)).text();
    const write = async () => ({
      taskDefs: await measure(server, () => send(server.url, 'POST', '/metadata/taskdefs', bodies.taskDefs, mode)),
      workflowDefs: await measure(server, () => send(server.url, 'PUT', '/metadata/workflow', bodies.workflowDefs, mode)),
    });
    const cold = await write();
    // The same requests again: a server that has run this code before (the stored rows are replaced).
    const warm = await write();
    return { cold, warm };
  } finally {
    await server.stop();
  }
}

async function measure(server, fn) {
  const cpuBefore = await server.cpu();
  const started = performance.now();
  await fn();
  const wallMs = performance.now() - started;
  const cpuAfter = await server.cpu();
  return {
    wallMs,
    cpuMs: (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1000,
    mainMs: cpuAfter.main - cpuBefore.main,
  };
}

/** Sends `items` in batches of BATCH, PARALLELISM at a time or one after another. */
async function send(url, method, path, items, mode) {
  const batches = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(`[${items.slice(i, i + BATCH).join(',')}]`);
  const one = async (body) => {
    const response = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  };
  if (mode === 'sequential') {
    for (const body of batches) await one(body);
    return;
  }
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await one(batches[next++]);
  };
  await Promise.all(Array.from({ length: PARALLELISM }, worker));
}

/** The dev server in a child process; `cpu()` asks it for its CPU times over IPC. */
function startServer(dataDir, dist, nodeFlags = []) {
  const script = `import { startDevServer } from ${JSON.stringify(join(dist, 'src/devserver/index.js'))};
import { readFileSync } from 'node:fs';
const s = await startDevServer({ port: 0, host: '127.0.0.1', dataDir: ${JSON.stringify(dataDir)} });
// Linux: the main thread's own CPU time (schedstat, ns); elsewhere its event-loop busy time.
const mainThreadMs = () => {
  try { return Number(readFileSync('/proc/self/task/' + process.pid + '/schedstat', 'utf8').split(' ')[0]) / 1e6; }
  catch { return performance.eventLoopUtilization().active; }
};
process.on('message', async (m) => {
  if (m === 'cpu') process.send({ ...process.cpuUsage(), main: mainThreadMs() });
  if (m === 'stop') { await s.close(); process.disconnect(); }
});
console.log(s.apiUrl);`;
  const child = spawn(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const cpu = () => new Promise((resolveCpu) => { child.once('message', resolveCpu); child.send('cpu'); });
  const stop = async () => { child.send('stop'); await exited; };
  return new Promise((resolveStart, reject) => {
    child.stdout.setEncoding('utf8').once('data', (line) => resolveStart({ url: line.trim(), cpu, stop }));
    child.once('exit', (code) => reject(new Error(`dev server exited with ${code}`)));
  });
}

function report(results) {
  const fields = ['wallMs', 'cpuMs', 'mainMs'];
  const row = (label, values) => `  ${label.padEnd(40)}${values.map((v) => v.toFixed(0).padStart(10)).join('')}`;
  const lines = [
    `dev server bulk writes: ${COUNT} task defs + ${COUNT} workflows, batches of ${BATCH}, medians of ${TRIALS} fresh servers (node ${process.version})`,
    '  wall = client-side; CPU = server process CPU (all threads: JIT, GC helpers); main = CPU of the server main thread',
  ];
  for (const [name, byMode] of Object.entries(results)) {
    for (const round of ['cold', 'warm']) {
      const heading = `${name}, ${round === 'cold' ? 'first writes (fresh server)' : 'the same writes again'}`;
      lines.push('', `  ${heading.padEnd(40)}${['wall ms', 'CPU ms', 'main ms'].map((h) => h.padStart(10)).join('')}`);
      for (const mode of ['concurrent', 'sequential']) {
        const rows = byMode[mode].map((r) => r[round]);
        const label = mode === 'concurrent' ? `${PARALLELISM} in flight` : 'sequential';
        lines.push(row(`POST /metadata/taskdefs (${label})`, fields.map((f) => median(rows.map((r) => r.taskDefs[f])))));
        lines.push(row(`PUT /metadata/workflow (${label})`, fields.map((f) => median(rows.map((r) => r.workflowDefs[f])))));
        lines.push(row(`both (${label})`, fields.map((f) => median(rows.map((r) => r.taskDefs[f] + r.workflowDefs[f])))));
      }
    }
  }
  console.log(lines.join('\n'));
}
