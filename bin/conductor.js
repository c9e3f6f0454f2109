#!/usr/bin/env node
// Thin launcher. `npm run build` (run by `prepare`) compiles src/ into dist/src with tsc and
// then bundles the CLI into dist/bundle (scripts/bundle-cli.mjs says why: start-up time).
// After a bare `tsc` the bundle is older than dist/.tsbuildinfo, i.e. stale: then the
// unbundled dist/src entry runs instead, slower but never out of date.
import { statSync } from 'node:fs';

const mtime = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
const bundle = mtime('../dist/bundle/conductor.js');
await import(bundle !== undefined && bundle >= (mtime('../dist/.tsbuildinfo') ?? 0) ? '../dist/bundle/conductor.js' : '../dist/src/cli/main.js');
