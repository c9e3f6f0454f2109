#!/usr/bin/env node
/**
 * Second build step (`npm run build`, so also `prepare` on `npm ci`): bundles the CLI that
 * tsc compiled into dist/src into dist/bundle/conductor.js, which bin/conductor.js runs.
 *
 * Why a bundler: a short command such as `conductor workflow status <id>` spent most of its
 * time in Node's module loader, not in our code: ~45 ES modules (each resolved, read,
 * compiled and linked on its own) plus commander as CommonJS (cjs-module-lexer, wrapper per
 * file). Issue 6 asks for it within 2.5x a bare `node -e 0` (bench/runtime-status.mjs);
 * lazy imports alone did not get there. esbuild is a single well-kept devDependency with
 * no runtime footprint, and it only links what tsc emitted (tsc stays the compiler and the
 * type checker; dist/src stays the library and dev server entry points for tests and
 * benches).
 *
 * - splitting: every `await import()` in the sources becomes its own chunk, so lazy imports
 *   stay lazy (`--version` loads no commander, `workflow status` no ajv, yaml, planner,
 *   diff, fast-json-patch, p-limit or dev server).
 * - better-sqlite3 stays external: a native addon that finds its .node file relative to
 *   its own package. Node built-ins are external on platform node.
 * - commander and yaml are CommonJS; their `require('node:…')` calls need a real `require`
 *   inside an ES module, hence the createRequire banner.
 * - No identifier minification: `--debug` stack traces keep readable function names.
 * - Rebuilding while CLIs run (tests, other shells) must not break them: every file is
 *   written to a temporary name and renamed into place, chunks (named by content hash)
 *   before the entry, and a chunk no longer produced is removed only once it is an hour
 *   old, so a process started from the previous entry still finds its lazy chunks.
 */
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const outdir = resolve(root, 'dist/bundle');
const entry = join(outdir, 'conductor.js');

const result = await build({
  absWorkingDir: root,
  entryPoints: { conductor: 'dist/src/cli/main.js' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  write: false,
});

const written = new Set();
const writeAtomically = (path, contents) => {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
  written.add(path);
};
for (const file of result.outputFiles) if (file.path !== entry) writeAtomically(file.path, file.contents);
const entryFile = result.outputFiles.find((file) => file.path === entry);
if (!entryFile) throw new Error(`esbuild produced no ${entry}`);
writeAtomically(entry, entryFile.contents);

const chunks = join(outdir, 'chunks');
for (const name of readdirSync(chunks)) {
  const path = join(chunks, name);
  if (!written.has(path) && Date.now() - statSync(path).mtimeMs > 3_600_000) unlinkSync(path);
}
