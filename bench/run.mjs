#!/usr/bin/env node
// `npm run bench [-- name ...]`: runs benchmarks one after another (each measures its own
// baseline in the same run; see the comment at the top of each file). Without names, the
// quick set below; the engine benchmarks take minutes and run only when named.
// Needs `npm run build` first (the benchmarks measure dist/, as users run it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const QUICK = ['startup', 'runtime-status', 'server-metadata', 'server-bulk-write', 'plan-apply'];
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : QUICK;
for (const name of names) {
  const file = join(here, `${name.replace(/\.mjs$/, '')}.mjs`);
  if (!existsSync(file)) {
    console.error(`no benchmark ${name} (bench/${name}.mjs); there are: ${QUICK.join(', ')}, engine-throughput, engine-search`);
    process.exit(2);
  }
  console.log(`\n== bench/${name}.mjs`);
  const { status } = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
