/** The library surface (docs/style.md): re-exports only. */
export * from './runtime/index.js';
