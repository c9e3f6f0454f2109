#!/usr/bin/env node
// Start-up cost of the CLI as a ratio to a bare `node -e 0` in the same run (issue 2:
// `conductor --version` must start in at most 2x node's own start-up). Runs interleaved so
// machine noise hits both sides alike; reports medians. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { BASELINE, cli, reportRatios, sampleInterleaved, warnIfBundleStale } from './lib/ratio.mjs';

const runs = Number(process.env.RUNS ?? 30);
warnIfBundleStale();

const cases = {
  [BASELINE]: [process.execPath, ['-e', '0']],
  'conductor --version': [process.execPath, [cli, '--version']],
  'conductor --help': [process.execPath, [cli, '--help']],
};

function timeOnce([cmd, args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

reportRatios('start-up', await sampleInterleaved(cases, runs, timeOnce), runs);
