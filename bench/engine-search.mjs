#!/usr/bin/env node
/**
 * Search benchmark (issue 5): 100,000 stored executions, then `GET /api/workflow/search` by
 * status and type over HTTP against the dev server built in dist/ (run `npx tsc -p
 * tsconfig.build.json` first). The executions are produced by the real engine and written
 * by the real store (not through HTTP, which would take minutes): 5 workflow types, 70%
 * COMPLETED, 20% FAILED, 10% RUNNING, start times spread over the last ~17 minutes.
 *
 * Usage: node bench/engine-search.mjs [--executions 100000] [--repeat 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../dist/src/devserver/store/database.js';
import { migrationSets } from '../dist/src/devserver/store/migrations.js';
import { ExecutionStore } from '../dist/src/devserver/store/executions.js';
import { newId } from '../dist/src/devserver/store/executions-ids.js';
import { createContext } from '../dist/src/devserver/engine/context.js';
import { buildDefinitionSnapshot } from '../dist/src/devserver/engine/definitions.js';
import { startExecution } from '../dist/src/devserver/engine/start.js';
import { applyTaskResult, markPolled } from '../dist/src/devserver/engine/task-updates.js';
import { computeNextCheckAt } from '../dist/src/devserver/engine/timeouts.js';
import { startDevServer } from '../dist/src/devserver/index.js';

const { values: args } = parseArgs({ options: { executions: { type: 'string', default: '100000' }, repeat: { type: 'string', default: '20' } } });
const total = Number(args.executions);
const repeat = Number(args.repeat);
const TYPES = ['orders', 'payments', 'shipping', 'billing', 'returns'];

function populate(dataDir) {
  const db = openDatabase(dataDir, migrationSets, () => Date.now());
  const store = new ExecutionStore(db);
  const defs = TYPES.map((name) => buildDefinitionSnapshot({ name, version: 1, tasks: [{ name: `${name}_task`, taskReferenceName: 'only', type: 'SIMPLE' }] }, () => ({ name: 'x', retryCount: 0 })));
  const base = Date.now() - total * 10;
  const started = performance.now();
  const insertBatch = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const now = base + i * 10;
      const ctx = createContext(now, () => newId(now));
      const execution = startExecution({ workflowId: newId(now), definition: defs[i % TYPES.length], input: { orderId: i, customer: `c-${i % 997}` }, correlationId: `corr-${i}` }, ctx);
      const roll = Math.floor(i / TYPES.length) % 10;
      if (roll < 9) {
        const task = execution.tasks[0];
        markPolled(task, 'bench', ctx);
        applyTaskResult(execution, task, { workflowInstanceId: execution.workflowId, taskId: task.taskId, status: roll < 7 ? 'COMPLETED' : 'FAILED_WITH_TERMINAL_ERROR', outputData: { ok: roll < 7 } }, ctx);
      }
      store.save(execution, ctx.changes, computeNextCheckAt(execution));
    }
  });
  for (let i = 0; i < total; i += 5000) insertBatch(i, Math.min(total, i + 5000));
  db.close();
  return (performance.now() - started) / 1000;
}

async function time(url, query, sort = 'startTime:DESC', size = 100, freeText = '*') {
  const path = `${url}/workflow/search?start=0&size=${size}&sort=${encodeURIComponent(sort)}&freeText=${encodeURIComponent(freeText)}&query=${encodeURIComponent(query)}`;
  const samples = [];
  let totalHits = 0;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    const res = await fetch(path);
    const body = await res.json();
    samples.push(performance.now() - t0);
    totalHits = body.totalHits;
  }
  samples.sort((a, b) => a - b);
  return { query: query || '(none)', ...(freeText !== '*' ? { freeText } : {}), totalHits, p50Ms: Number(samples[Math.floor(samples.length / 2)].toFixed(1)), maxMs: Number(samples[samples.length - 1].toFixed(1)) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'conductor-search-bench-'));
try {
  const populateSeconds = populate(dataDir);
  const server = await startDevServer({ port: 0, dataDir });
  const url = server.apiUrl;
  const recent = Date.now() - 60_000;
  const results = [
    await time(url, 'status IN (FAILED)'),
    await time(url, 'workflowType IN (payments) AND status IN (FAILED)'),
    await time(url, "workflowType = 'orders' AND status IN (RUNNING,FAILED)"),
    await time(url, 'workflowType IN (shipping,returns)'),
    await time(url, `workflowType IN (billing) AND startTime>${recent}`),
    await time(url, ''),
    await time(url, 'correlationId=corr-4242'),
    await time(url, 'workflowType IN (orders)', 'startTime:DESC', 100, 'c-42'),
  ];
  await server.close();
  console.log(JSON.stringify({ executions: total, populateSeconds: Number(populateSeconds.toFixed(1)), repeat, results }, null, 2));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
