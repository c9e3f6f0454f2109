#!/usr/bin/env node
// Start-up cost of the CLI as a ratio to a bare `node -e 0` in the same run (issue 2:
// `conductor --version` must start in at most 2x node's own start-up). Runs interleaved so
// machine noise hits both sides alike; reports medians. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const cli = resolve(root, 'bin/conductor.js');
const runs = Number(process.env.RUNS ?? 30);
// bin/conductor.js runs the unbundled dist/src when the bundle is older than the last tsc run
// (a bare `tsc` after `npm run build`): say so, since that is not what users run.
const mtime = (path) => statSync(resolve(root, path), { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (mtime('dist/bundle/conductor.cjs') < mtime('dist/.tsbuildinfo')) console.error('warning: dist/bundle is stale or missing, measuring the unbundled CLI: run `npm run build` first');

const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'conductor --version': [process.execPath, [cli, '--version']],
  'conductor --help': [process.execPath, [cli, '--help']],
};

function timeOnce([cmd, args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (const c of Object.values(cases)) timeOnce(c); // warm the file cache
for (let i = 0; i < runs; i++) {
  for (const [name, c] of Object.entries(cases)) samples[name].push(timeOnce(c));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const baseline = median(samples['node -e 0']);
console.log(`start-up, median of ${runs} runs`);
for (const [name, xs] of Object.entries(samples)) {
  const m = median(xs);
  console.log(`${name.padEnd(22)} ${m.toFixed(1).padStart(7)} ms   ${(m / baseline).toFixed(2)}x node -e 0`);
}
