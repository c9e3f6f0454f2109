#!/usr/bin/env node
// Thin launcher: the compiled entry point lives in dist/ (built by `npm run build`, run by `prepare`).
import '../dist/src/cli/main.js';
