#!/usr/bin/env node
// Thin launcher, CommonJS (bin/package.json) so that a run never starts Node's ES module
// loader. `npm run build` (run by `prepare`) compiles src/ into dist/src with tsc, then
// bundles the CLI into dist/bundle (scripts/bundle-cli.mjs says why: start-up time).
// After a bare `tsc` the bundle is older than dist/.tsbuildinfo, i.e. stale: then the
// unbundled dist/src entry runs instead, slower but never out of date.
'use strict';
const { statSync } = require('node:fs');
const { join } = require('node:path');

const mtime = (path) => statSync(join(__dirname, path), { throwIfNoEntry: false })?.mtimeMs;
const bundle = mtime('../dist/bundle/conductor.cjs');
if (bundle !== undefined && bundle >= (mtime('../dist/.tsbuildinfo') ?? 0)) require('../dist/bundle/conductor.cjs');
else import('../dist/src/cli/main.js');
