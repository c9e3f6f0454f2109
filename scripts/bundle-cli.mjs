#!/usr/bin/env node
/**
 * Last build step (`npm run build`, so also `prepare` on `npm ci`): bundles the CLI that tsc
 * compiled into dist/src into dist/bundle/conductor.cjs, which bin/conductor.js runs.
 *
 * Why a bundler (issue 6: `conductor workflow status <id>` within 2.5x a bare `node -e 0`,
 * bench/runtime-status.mjs): after the lazy imports, a short command still spent most of its
 * time in Node's ES module loader rather than in our code: ~40 modules, each resolved, read
 * (asynchronously, several thread-pool round trips that a loaded machine makes slow),
 * compiled and linked on its own, plus commander as CommonJS through the ESM loader.
 *
 * Why rolldown and CommonJS output, measured on the same machine (ratio to `node -e 0`):
 * unbundled ~3.3x; esbuild (ESM, automatic splitting: 27 files on the status path) ~3.0x;
 * rolldown ESM with the chunk groups below ~2.6x; rolldown CommonJS ~2.2x. An ESM entry
 * alone costs ~0.15x (the loader's start-up) and every ESM file an async read, while
 * require() is synchronous. esbuild splits only ESM and has no manual chunks; rolldown
 * (Vite's bundler, already installed for vitest) does both, so it replaces esbuild.
 *
 * - Code splitting keeps every lazy `await import()` lazy (as require() in a promise,
 *   `dynamicImportInCjs: false`), so `--version` loads no commander and `workflow status`
 *   no yaml, ajv, planner, diff, fast-json-patch, p-limit or dev server. checkClosures()
 *   below fails the build if a static import ever drags one of them onto those paths.
 * - Chunk groups: the modules every runtime command (workflow, task, worker) needs, and
 *   commander, go into one `runtime` chunk; left to automatic splitting they scatter over
 *   ~20 small shared chunks. A module missing from the list is still correct, only one
 *   chunk more. List only modules whose static imports are light.
 * - better-sqlite3 stays external: a native addon that finds its .node file relative to its
 *   own package. Node built-ins are external on platform node.
 * - Not minified: `--debug` stack traces keep readable names.
 * - Rebuilding while CLIs run (tests, other shells) must not break them: every file is
 *   written to a temporary name and renamed into place, chunks (named by content hash)
 *   before the entry, and a chunk no longer produced is removed only once it is an hour
 *   old, so a process started from the previous entry still finds its lazy chunks.
 */
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const outdir = resolve(root, 'dist/bundle');
const ENTRY = 'conductor.cjs';
/** Module ids with forward slashes, for the patterns below. */
const slashed = (id) => id.replaceAll('\\', '/');

/** Modules `workflow|task|worker …` need on every run (see the list rule above). */
const RUNTIME = [
  /\/node_modules\/commander\//,
  /\/dist\/src\/cli\/(program|commands\/(config|workflow|task|worker)|commands\/(workflow|task)\/[^/]+)\.js$/,
  /\/dist\/src\/app\/(resolve-target|resolve-target-layers|conductor-client)\.js$/,
  /\/dist\/src\/app\/runtime\/(client|executions|json-arg|node-fetch)\.js$/,
  /\/dist\/src\/conductor\/(client|http|auth|api-errors|retry|url|response-body|workflow-api|metadata-api)\.js$/,
  /\/dist\/src\/core\/(diagnostics|environment|environment-target)\.js$/,
  /\/dist\/src\/repo\/cli-config\.js$/,
];
/** What cli/main.ts needs before it knows the command (kept apart so `--version` stays small). */
const STARTUP = [/\/dist\/src\/(errors|cli\/exit-codes)\.js$/];

/** Must never be loaded, statically, by the chunks these paths start with. */
const HEAVY = /\/node_modules\/(yaml|ajv|ajv-formats|diff|fast-json-patch|p-limit)\/|^better-sqlite3$|\/dist\/src\/(devserver|validation|app\/(plan|apply|export|read-desired)|core\/plan)/;
const PATHS = {
  '--version (cli/main.js)': { entry: true, forbid: /\/node_modules\/commander\// },
  'workflow status (cli/program.js)': { module: /\/dist\/src\/cli\/program\.js$/ },
  'workflow status (cli/commands/workflow.js)': { module: /\/dist\/src\/cli\/commands\/workflow\.js$/ },
  'workflow status (app/resolve-target.js)': { module: /\/dist\/src\/app\/resolve-target\.js$/ },
  'workflow status (app/runtime/client.js)': { module: /\/dist\/src\/app\/runtime\/client\.js$/ },
  'workflow status (app/runtime/executions.js)': { module: /\/dist\/src\/app\/runtime\/executions\.js$/ },
};

const bundle = await rolldown({
  cwd: root,
  input: { conductor: resolve(root, 'dist/src/cli/main.js') },
  platform: 'node',
  external: ['better-sqlite3'],
  preserveEntrySignatures: false,
  logLevel: 'warn',
  onLog(level, log, handler) {
    // Informational: a module imported both ways stays where its static importers need it.
    if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') handler(level, log);
  },
});
const { output } = await bundle.generate({
  format: 'cjs',
  dynamicImportInCjs: false,
  entryFileNames: ENTRY,
  chunkFileNames: 'chunks/[name]-[hash].cjs',
  codeSplitting: {
    groups: [
      { name: 'startup', test: (id) => STARTUP.some((re) => re.test(slashed(id))), priority: 2, includeDependenciesRecursively: false },
      { name: 'runtime', test: (id) => RUNTIME.some((re) => re.test(slashed(id))), priority: 1, includeDependenciesRecursively: false },
    ],
  },
});
await bundle.close();
checkClosures(output.filter((item) => item.type === 'chunk'));

const written = new Set();
const writeAtomically = (path, contents) => {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
  written.add(path);
};
for (const item of output) if (item.fileName !== ENTRY) writeAtomically(join(outdir, item.fileName), item.type === 'chunk' ? item.code : item.source);
const entry = output.find((item) => item.fileName === ENTRY);
if (!entry) throw new Error(`rolldown produced no ${ENTRY}`);
writeAtomically(join(outdir, ENTRY), entry.code);

const chunks = join(outdir, 'chunks');
for (const name of readdirSync(chunks)) {
  const path = join(chunks, name);
  if (!written.has(path) && Date.now() - statSync(path).mtimeMs > 3_600_000) unlinkSync(path);
}

/** Fails when a path in PATHS would load a HEAVY module (or its own `forbid`) up front. */
function checkClosures(chunkList) {
  const byFile = new Map(chunkList.map((chunk) => [chunk.fileName, chunk]));
  const closure = (start) => {
    const seen = new Set();
    const visit = (chunk) => {
      if (seen.has(chunk)) return;
      seen.add(chunk);
      for (const imported of chunk.imports) {
        const next = byFile.get(imported);
        if (next) visit(next);
        else seen.add({ moduleIds: [imported], imports: [] }); // external
      }
    };
    visit(start);
    return [...seen].flatMap((chunk) => chunk.moduleIds);
  };
  const problems = [];
  for (const [name, rule] of Object.entries(PATHS)) {
    const start = chunkList.find((chunk) => (rule.entry ? chunk.isEntry : chunk.moduleIds.some((id) => rule.module.test(slashed(id)))));
    if (!start) {
      problems.push(`${name}: module not found in the bundle`);
      continue;
    }
    const bad = closure(start).map(slashed).filter((id) => HEAVY.test(id) || rule.forbid?.test(id));
    if (bad.length > 0) problems.push(`${name} would load: ${[...new Set(bad.map((id) => id.replace(slashed(root), '.')))].slice(0, 5).join(', ')}`);
  }
  if (problems.length > 0) {
    throw new Error(`scripts/bundle-cli.mjs: a static import makes a light path heavy; import it lazily (await import) instead:\n  ${problems.join('\n  ')}`);
  }
}
