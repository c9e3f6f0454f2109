#!/usr/bin/env node
/**
 * Engine throughput benchmark (issue 5): a three-SIMPLE-task workflow driven by batch-polling,
 * long-polling workers against the dev server built in dist/ (run `npx tsc -p
 * tsconfig.build.json` first).
 *
 * The server runs in a child process (`--serve` mode of this file), the workers and starters in
 * this one, so on a 2-core machine each gets a core. Phases:
 *   1. floor: the SQLite commit rate (WAL, synchronous=FULL, one row per transaction) of the
 *      same disk, measured in the same run;
 *   2. saturation, 30 s: a fixed number of workflows in flight (closed loop) → workflows/s,
 *      tasks/s and start-to-complete latency under load;
 *   3. paced, 10 s: workflows started at a fixed rate (open loop, default 300/s) → latency
 *      p50/p99 when the server is not saturated.
 * Start-to-complete = from sending the start request to the acknowledgement of the third
 * task's COMPLETED update (the decide that completes the workflow runs inside that update).
 *
 * Usage: node bench/engine-throughput.mjs [--seconds 30] [--inflight 64] [--rate 300] [--paced-seconds 10]
 *        [--pollers 4] [--batch 16]   (long-polling batch pollers per task type, tasks per poll)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values: args } = parseArgs({
  options: {
    serve: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    inflight: { type: 'string', default: '64' },
    rate: { type: 'string', default: '300' },
    'paced-seconds': { type: 'string', default: '10' },
    pollers: { type: 'string', default: '4' },
    batch: { type: 'string', default: '16' },
  },
});

if (args.serve) {
  const { startDevServer } = await import('../dist/src/devserver/index.js');
  const server = await startDevServer({ port: 0, dataDir: args.serve });
  process.send?.({ url: server.apiUrl });
  process.on('message', async (message) => {
    if (message === 'cpu') return process.send?.({ cpu: process.cpuUsage() });
    await server.close();
    process.exit(0);
  });
} else {
  await main();
}

function measureCommitRate(dir, ms = 2000) {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'commit-rate.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const payload = 'x'.repeat(1500);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    insert.run(payload);
    n++;
  }
  const rate = n / ((performance.now() - start) / 1000);
  db.close();
  return rate;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'conductor-bench-'));
  const commitRate = measureCommitRate(dataDir);
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), fileURLToPath(import.meta.url), '--serve', join(dataDir, 'server')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise((resolve) => child.once('message', (m) => resolve(m.url)));
  const api = (method, path, body) =>
    fetch(`${url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  const types = ['bench_a', 'bench_b', 'bench_c'];
  await api('POST', '/metadata/taskdefs', types.map((name) => ({ name, retryCount: 0, ownerEmail: 'bench@example.com' })));
  await api('PUT', '/metadata/workflow', [{
    name: 'bench_three', version: 1, schemaVersion: 2, ownerEmail: 'bench@example.com',
    tasks: types.map((t, i) => ({ name: t, taskReferenceName: `s${i}`, type: 'SIMPLE', inputParameters: { prev: i === 0 ? '${workflow.input.n}' : `\${s${i - 1}.output.v}` } })),
  }]);

  const started = new Map();
  const latencies = [];
  let completed = 0;
  let tasksDone = 0;
  let onComplete = () => undefined;
  let stopWorkers = false;

  const pollers = Number(args.pollers);
  const batch = Number(args.batch);
  const worker = async (type, last) => {
    while (!stopWorkers) {
      const res = await api('GET', `/tasks/poll/batch/${type}?count=${batch}&timeout=1000&workerid=bench-${type}`);
      const tasks = await res.json();
      await Promise.all(tasks.map(async (task) => {
        const update = await api('POST', '/tasks', { workflowInstanceId: task.workflowInstanceId, taskId: task.taskId, status: 'COMPLETED', outputData: { v: `${task.taskId}` } });
        await update.text();
        tasksDone++;
        if (last) {
          const t0 = started.get(task.workflowInstanceId);
          if (t0 !== undefined) {
            latencies.push(performance.now() - t0);
            started.delete(task.workflowInstanceId);
          }
          completed++;
          onComplete();
        }
      }));
    }
  };
  const workers = types.flatMap((t, i) => Array.from({ length: pollers }, () => worker(t, i === types.length - 1)));

  const startOne = async (n) => {
    const t0 = performance.now();
    const res = await api('POST', '/workflow/bench_three', { n });
    const id = await res.text();
    started.set(id, t0);
  };

  const serverCpu = () => new Promise((resolve) => {
    child.once('message', (m) => resolve((m.cpu.user + m.cpu.system) / 1000));
    child.send('cpu');
  });
  const writtenBytes = () => {
    try {
      return Number(/write_bytes: (\d+)/.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))?.[1] ?? NaN);
    } catch {
      return NaN;
    }
  };
  const ownCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

  // Phase 2: saturation (closed loop).
  const serverCpuAtStart = await serverCpu();
  const clientCpuAtStart = ownCpu();
  const bytesAtStart = writtenBytes();
  const seconds = Number(args.seconds);
  const inflight = Number(args.inflight);
  let n = 0;
  let running = true;
  const satStart = performance.now();
  const completedAtStart = completed;
  const tasksAtStart = tasksDone;
  let outstanding = 0;
  const pump = () => {
    while (running && outstanding < inflight) {
      outstanding++;
      void startOne(n++);
    }
  };
  onComplete = () => {
    outstanding--;
    pump();
  };
  pump();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  running = false;
  const satElapsed = (performance.now() - satStart) / 1000;
  const satCompleted = completed - completedAtStart;
  const satTasks = tasksDone - tasksAtStart;
  const satLatency = [...latencies].sort((a, b) => a - b);
  const satServerCpu = ((await serverCpu()) - serverCpuAtStart) / (satElapsed * 1000);
  const satClientCpu = (ownCpu() - clientCpuAtStart) / (satElapsed * 1000);
  const satBytes = writtenBytes() - bytesAtStart;
  while (outstanding > 0) await new Promise((r) => setTimeout(r, 10));

  // Phase 3: paced (open loop).
  latencies.length = 0;
  onComplete = () => undefined;
  const rate = Number(args.rate);
  const pacedSeconds = Number(args['paced-seconds']);
  const pacedStart = performance.now();
  const pacedCompletedAtStart = completed;
  let sent = 0;
  while (performance.now() - pacedStart < pacedSeconds * 1000) {
    const due = Math.floor(((performance.now() - pacedStart) / 1000) * rate);
    while (sent < due) {
      void startOne(n++);
      sent++;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const drainDeadline = performance.now() + 10_000;
  while (completed - pacedCompletedAtStart < sent && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 10));
  const pacedLatency = [...latencies].sort((a, b) => a - b);

  stopWorkers = true;
  await Promise.all(workers);
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  // The disk is shared: measure the floor again after the run, to show how much it moved.
  const commitRateAfter = measureCommitRate(join(dataDir, 'after'));
  rmSync(dataDir, { recursive: true, force: true });

  const ms = (v) => `${v.toFixed(1)} ms`;
  console.log(JSON.stringify({
    sqliteCommitsPerSecond: { before: Math.round(commitRate), after: Math.round(commitRateAfter) },
    saturation: {
      seconds: Number(satElapsed.toFixed(1)), inflight,
      workflowsPerSecond: Math.round(satCompleted / satElapsed), tasksPerSecond: Math.round(satTasks / satElapsed),
      latencyP50: ms(percentile(satLatency, 50)), latencyP99: ms(percentile(satLatency, 99)),
      serverCpuCores: Number(satServerCpu.toFixed(2)), benchClientCpuCores: Number(satClientCpu.toFixed(2)),
      serverCpuMsPerWorkflow: Number(((satServerCpu * satElapsed * 1000) / satCompleted).toFixed(2)),
      diskKiBWrittenPerWorkflow: Number((satBytes / 1024 / satCompleted).toFixed(1)),
    },
    paced: {
      seconds: pacedSeconds, targetRate: rate, started: sent, completed: completed - pacedCompletedAtStart,
      latencyP50: ms(percentile(pacedLatency, 50)), latencyP99: ms(percentile(pacedLatency, 99)),
    },
  }, null, 2));
}
