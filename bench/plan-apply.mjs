#!/usr/bin/env node
// Plan/apply benchmark (issue 4). Against the local dev server, 1,000 task defs + 1,000
// workflows: apply of all of them new, and plan of the unchanged repo, each beside its floor
// measured in the same run:
//   apply floor = a sequential per-file loop of POSTs (what `conductor-cli task/workflow create`
//                 per file amounts to), against a fresh server;
//   plan floor  = one bulk GET of everything (task defs + workflow defs) plus JSON.parse, over
//                 node:http as conductor's client does (and, for comparison, over the global fetch).
// Every measured phase runs in its own child process (clean heap; the servers run in other
// processes too), and reports wall time, HTTP requests and peak memory (RSS and heap, sampled
// every 5 ms). Needs `npm run build` first. Usage: node bench/plan-apply.mjs [--count 1000]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { get } from 'node:http';
import { writeRepo } from './lib/bench-repo.mjs';
import { median, sampleInterleaved } from './lib/ratio.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

if (arg('--phase')) await runPhase(arg('--phase'), arg('--url'), arg('--repo'));
else await orchestrate(Number(arg('--count', '1000')));

// ---------- orchestration (parent process) ----------

async function orchestrate(count) {
  const work = mkdtempSync(join(tmpdir(), 'conductor-bench-'));
  const servers = [];
  try {
    const repo = writeRepo(join(work, 'repo'), count);
    const floorServer = await startServer(join(work, 'data-floor'));
    const ourServer = await startServer(join(work, 'data-ours'));
    servers.push(floorServer, ourServer);
    const results = {
      applyFloor: await phase('apply-floor', floorServer.url, repo),
      apply: await phase('apply', ourServer.url, repo),
      planFloor: await phase('plan-floor', ourServer.url, repo),
      planFloorFetch: await phase('plan-floor-fetch', ourServer.url, repo),
      plan: await phase('plan', ourServer.url, repo),
      planMinimal: await phase('plan-minimal', ourServer.url, repo),
      planParts: await phase('plan-parts', ourServer.url, repo),
    };
    // Request count must not grow with the repo: plan a tenth of it against a third server.
    const small = writeRepo(join(work, 'repo-small'), Math.max(1, Math.round(count / 10)));
    const smallServer = await startServer(join(work, 'data-small'));
    servers.push(smallServer);
    await phase('apply', smallServer.url, small);
    results.planSmall = await phase('plan', smallServer.url, small);
    results.planCli = await cliPlan(ourServer.url, repo);
    report(count, results);
  } finally {
    for (const server of servers) server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function startServer(dataDir) {
  const script = `import { startDevServer } from ${JSON.stringify(join(root, 'dist/src/devserver/index.js'))};
const s = await startDevServer({ port: 0, host: '127.0.0.1', dataDir: ${JSON.stringify(dataDir)} });
console.log(s.apiUrl);
process.on('SIGTERM', async () => { await s.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    child.stdout.setEncoding('utf8').once('data', (line) => resolvePromise({ url: line.trim(), stop: () => child.kill('SIGTERM') }));
    child.once('exit', (code) => reject(new Error(`dev server exited with ${code}`)));
  });
}

function phase(name, url, repo) {
  // BENCH_PROFILE=<phase> writes a CPU profile of that phase to ./bench-profiles.
  const profile = process.env.BENCH_PROFILE === name ? ['--cpu-prof', '--cpu-prof-dir', 'bench-profiles'] : [];
  const child = spawn(process.execPath, [...profile, self, '--phase', name, '--url', url, '--repo', repo], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  return new Promise((resolvePromise, reject) =>
    child.on('exit', (code) => (code === 0 ? resolvePromise(JSON.parse(out)) : reject(new Error(`phase ${name} exited with ${code}`)))),
  );
}

/** What a user waits for: `conductor plan` (human output) as a process (start-up and module loading included), median of 5. */
async function cliPlan(url, repo) {
  const env = { ...process.env, HOME: join(repo, '.home'), NO_COLOR: '1' };
  const cases = { node: ['-e', '0'], plan: [join(root, 'bin/conductor.js'), 'plan', '--server', url] };
  const samples = await sampleInterleaved(cases, 5, (args) => {
    const started = performance.now();
    const { status, stderr } = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', env });
    if (status !== 0) throw new Error(`${args.join(' ')} exited with ${status}: ${stderr}`);
    return performance.now() - started;
  });
  return { nodeMs: median(samples.node), planMs: median(samples.plan) };
}

/** GET over node:http, as conductor's client reads (nodeFetch): the body as text. */
function httpGetText(url) {
  return new Promise((resolvePromise, reject) => {
    get(url, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk)).on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    }).on('error', reject);
  });
}

function report(count, r) {
  const row = (label, m) => `  ${label.padEnd(34)} ${String(m.wallMs.toFixed(0)).padStart(7)} ms  ${String(m.requests).padStart(5)} requests  peak RSS ${m.peakRssMb.toFixed(0).padStart(4)} MB  heap ${m.peakHeapMb.toFixed(0).padStart(4)} MB`;
  const lines = [
    `conductor plan/apply benchmark: ${count} task defs + ${count} workflows (dev server, node ${process.version})`,
    '', 'apply (all new)',
    row('floor: per-file loop of POSTs', r.applyFloor),
    row('conductor apply', r.apply),
    `  speed-up: ${(r.applyFloor.wallMs / r.apply.wallMs).toFixed(1)}x (target >= 10x); apply = ${r.apply.planMs.toFixed(0)} ms planning + ${r.apply.writeMs.toFixed(0)} ms writing (${(r.applyFloor.wallMs / r.apply.writeMs).toFixed(1)}x the loop)`,
    '', 'plan (unchanged repo)',
    row('floor: bulk GET + JSON.parse', r.planFloor),
    row('  same with the global fetch', r.planFloorFetch),
    row('conductor plan', r.plan),
    row(`conductor plan, ${Math.round(count / 10)}+${Math.round(count / 10)} repo`, r.planSmall),
    row('a minimal plan (see below)', r.planMinimal),
    `  \`conductor plan\` as a process, end to end: ${r.planCli.planMs.toFixed(0)} ms (node -e 0: ${r.planCli.nodeMs.toFixed(0)} ms)`,
    `  ratio to floor: ${(r.plan.wallMs / r.planFloor.wallMs).toFixed(2)}x (target <= 3x; ${(r.plan.wallMs / r.planFloorFetch.wallMs).toFixed(2)}x the fetch floor); requests: ${r.plan.requests} at full size, ${r.planSmall.requests} at a tenth (target: constant)`,
    `  plan saw ${r.plan.changes} changes (expected 0, minimal plan: ${r.planMinimal.changes}); apply failed ${r.apply.failed} (expected 0)`,
    `  minimal plan = the floor + readFileSync and JSON.parse of the same definitions as JSON files + normalize + compare,`,
    `  no YAML, no validation, no diagnostics: ${(r.planMinimal.wallMs / r.planFloor.wallMs).toFixed(2)}x the floor; conductor plan takes ${(r.plan.wallMs / r.planMinimal.wallMs).toFixed(2)}x the minimal plan`,
    '', 'where plan time goes (each step timed alone, in one process)',
    ...Object.entries(r.planParts.parts).map(([step, ms]) => `  ${step.padEnd(60)} ${String(Math.round(ms)).padStart(6)} ms`),
  ];
  console.log(lines.join('\n'));
}

// ---------- one measured phase (child process) ----------

async function runPhase(name, url, repo) {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
  };
  const work = await loadPhase(name, url, repo);
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const outcome = await work();
  const wallMs = performance.now() - started;
  clearInterval(timer);
  sample();
  process.stdout.write(JSON.stringify({ wallMs, ...outcome, peakRssMb: peak.rss / 2 ** 20, peakHeapMb: peak.heap / 2 ** 20 }));
}

/** Imports everything first, so module loading is not measured; returns the measured work. */
async function loadPhase(name, url, repo) {
  const { parse } = await import('yaml');
  let requests = 0;
  const counted = (u, init) => (requests++, fetch(u, init));
  const post = async (path, body) => {
    const response = await counted(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  };
  const appOptions = {
    cwd: repo, env: {}, homeDir: join(repo, '.home'), flags: { server: url },
    clientHooks: { onRequest: () => requests++ },
  };
  if (name === 'apply-floor') {
    return async () => {
      for (const kind of ['tasks', 'workflows']) {
        const dir = join(repo, 'definitions', kind);
        for (const file of readdirSync(dir).sort()) {
          const body = parse(readFileSync(join(dir, file), 'utf8'));
          await post(kind === 'tasks' ? '/metadata/taskdefs' : '/metadata/workflow', kind === 'tasks' ? [body] : body);
        }
      }
      return { requests };
    };
  }
  if (name === 'plan-floor' || name === 'plan-floor-fetch') {
    // The floor uses the transport conductor uses (node:http); the global fetch (undici) is
    // also measured, since it is what a script would reach for, and is slower.
    const read = name === 'plan-floor' ? (u) => (requests++, httpGetText(u)) : async (u) => (await counted(u)).text();
    return async () => {
      const bodies = await Promise.all(['/metadata/taskdefs', '/metadata/workflow'].map(async (path) => JSON.parse(await read(`${url}${path}`))));
      return { requests, definitions: bodies[0].length + bodies[1].length };
    };
  }
  if (name === 'plan-parts') return loadPlanParts(url, repo);
  if (name === 'plan-minimal') return loadMinimalPlan(url, repo);
  const { applyChanges } = await import(join(root, 'dist/src/app/apply.js'));
  const { planChanges } = await import(join(root, 'dist/src/app/plan.js'));
  if (name === 'apply') {
    return async () => {
      const started = performance.now();
      let writesStarted;
      const events = (event) => (event.type === 'level' && writesStarted === undefined ? (writesStarted = performance.now()) : undefined);
      const result = await applyChanges({ ...appOptions, events });
      const planMs = (writesStarted ?? performance.now()) - started;
      return { requests, applied: result.applied.length, failed: result.failed.length, planMs, writeMs: performance.now() - started - planMs };
    };
  }
  return async () => {
    const { plan } = await planChanges(appOptions);
    return { requests, changes: plan.changes.filter((c) => c.action !== 'no-op').length };
  };
}

/**
 * The least any plan must do, for scale: the floor's two GETs (node:http) and, meanwhile,
 * every definition read from a JSON copy of the repo (readFileSync + JSON.parse: no YAML, no
 * validation, no positions), then both sides normalized and compared (core normalize and
 * isJsonEqual). What conductor plan adds beyond this is YAML, validation and reporting.
 */
async function loadMinimalPlan(url, repo) {
  const { normalize } = await import(join(root, 'dist/src/core/normalize.js'));
  const { isJsonEqual } = await import(join(root, 'dist/src/core/normalize-json.js'));
  const { parse } = await import('yaml');
  const jsonDir = join(repo, '..', 'repo-json');
  const files = [];
  for (const kind of ['tasks', 'workflows']) {
    mkdirSync(join(jsonDir, kind), { recursive: true });
    for (const file of readdirSync(join(repo, 'definitions', kind))) {
      const target = join(jsonDir, kind, file.replace(/\.yaml$/, '.json'));
      writeFileSync(target, JSON.stringify(parse(readFileSync(join(repo, 'definitions', kind, file), 'utf8'))));
      files.push({ kind, target });
    }
  }
  const getJson = async (u) => JSON.parse(await httpGetText(u));
  return async () => {
    const actualLists = Promise.all([getJson(`${url}/metadata/taskdefs`), getJson(`${url}/metadata/workflow`)]);
    const desired = new Map();
    for (const { kind, target } of files) {
      const body = JSON.parse(readFileSync(target, 'utf8'));
      desired.set(kind === 'tasks' ? `t/${body.name}` : `w/${body.name}@${body.version ?? 1}`, normalize(kind === 'tasks' ? 'taskDef' : 'workflowDef', body));
    }
    const [taskDefs, workflowDefs] = await actualLists;
    let changes = 0;
    const compare = (id, kind, body) => {
      const mine = desired.get(id);
      const theirs = normalize(kind, body);
      // The server's copy carries conductor's bookkeeping in `metadata`; content is the rest.
      if (!mine || !isJsonEqual({ ...mine, metadata: undefined }, { ...theirs, metadata: undefined })) changes++;
    };
    for (const body of taskDefs) compare(`t/${body.name}`, 'taskDef', body);
    for (const body of workflowDefs) if (body.name !== 'conductor_gitops_state') compare(`w/${body.name}@${body.version}`, 'workflowDef', body);
    return { requests: 2, changes };
  };
}

/** The steps of a plan timed one by one, to show which module the time is spent in. */
async function loadPlanParts(url, repo) {
  const { readDefinitions, locatorFor } = await import(join(root, 'dist/src/repo/definitions.js'));
  const { validateDefinitions } = await import(join(root, 'dist/src/validation/index.js'));
  const { readActual } = await import(join(root, 'dist/src/app/read-actual.js'));
  const { createConductorClient } = await import(join(root, 'dist/src/conductor/client.js'));
  const { buildPlan } = await import(join(root, 'dist/src/core/plan.js'));
  const { buildState } = await import(join(root, 'dist/src/core/model.js'));
  const { parse } = await import('yaml');
  return async () => {
    const parts = {};
    const time = async (label, fn) => {
      const t = performance.now();
      const value = await fn();
      parts[label] = performance.now() - t;
      return value;
    };
    const files = ['tasks', 'workflows'].flatMap((kind) => readdirSync(join(repo, 'definitions', kind)).map((f) => join(repo, 'definitions', kind, f)));
    await time('baseline: readFileSync + yaml.parse of every file', () => files.forEach((f) => parse(readFileSync(f, 'utf8'))));
    const read = await time('repo/definitions readDefinitions (files, YAML, positions)', () => readDefinitions(['definitions'], { cwd: repo }));
    const targets = read.value.entries.map((e) => ({ kind: e.resource.key.kind, body: e.resource.body, file: e.resource.source.file, pointer: e.resource.source.pointer, locate: locatorFor(e) }));
    await time('validation validateDefinitions (first call, cold)', () => validateDefinitions(targets));
    await time('validation validateDefinitions (again, warm)', () => validateDefinitions(targets));
    const http = createConductorClient({ serverUrl: url });
    const actual = await time('app/read-actual readActual (2 bulk GETs, JSON.parse)', () => readActual(http));
    const desired = buildState(read.value.resources);
    const options = { environment: 'bench', ownedTaskDefs: actual.ownedTaskDefs, lastApplied: actual.lastApplied };
    await time('core buildPlan (normalize, diff, fingerprints)', () => buildPlan(desired, actual.state, options));
    return { requests: 2, parts };
  };
}
