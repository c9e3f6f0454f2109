// Shared by the benchmarks: the median, and for the start-up ones, commands timed as a ratio to
// `node -e 0` in the same run, interleaved so machine noise hits every case alike.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(import.meta.url), '../../..');
export const cli = resolve(root, 'bin/conductor.js');
export const BASELINE = 'node -e 0';

/**
 * bin/conductor.js runs the unbundled dist/src when the bundle is older than the last tsc run
 * (a bare `tsc` after `npm run build`): say so, since that is not what users run.
 */
export function warnIfBundleStale() {
  const mtime = (path) => statSync(resolve(root, path), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (mtime('dist/bundle/conductor.cjs') < mtime('dist/.tsbuildinfo')) {
    console.error('warning: dist/bundle is stale or missing, measuring the unbundled CLI: run `npm run build` first');
  }
}

/** The middle sample (the upper one of an even count). */
export function median(xs) {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** Times every case `runs` times, interleaved, after one warm-up round; `timeOnce` may be async. */
export async function sampleInterleaved(cases, runs, timeOnce) {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (const c of Object.values(cases)) await timeOnce(c); // warm the file cache
  for (let i = 0; i < runs; i++) {
    for (const [name, c] of Object.entries(cases)) samples[name].push(await timeOnce(c));
  }
  return samples;
}

/** Prints each case's median and its ratio to the `node -e 0` case. */
export function reportRatios(title, samples, runs) {
  const baseline = median(samples[BASELINE]);
  const width = Math.max(...Object.keys(samples).map((name) => name.length)) + 2;
  console.log(`${title}, median of ${runs} runs`);
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    console.log(`${name.padEnd(width)} ${m.toFixed(1).padStart(7)} ms   ${(m / baseline).toFixed(2)}x ${BASELINE}`);
  }
}
