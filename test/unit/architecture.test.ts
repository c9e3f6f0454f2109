/**
 * Enforces the import rule of docs/style.md: core and render are pure, adapters do I/O,
 * app composes, cli is the only place that knows about a terminal, and the dev server knows
 * nothing about the client side. Do not add exceptions: fix the import instead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const srcDir = join(root, 'src');

type Layer = 'core' | 'validation' | 'render' | 'repo' | 'conductor' | 'app' | 'cli' | 'devserver' | 'errors';

/** Internal layers each layer may import (itself always allowed). */
const allowedInternal: Record<Layer, Layer[]> = {
  core: [],
  validation: ['core'],
  render: ['core'],
  repo: ['core', 'validation', 'errors'],
  conductor: ['core', 'validation', 'errors'],
  app: ['core', 'validation', 'repo', 'conductor', 'errors'],
  cli: ['app', 'render', 'core', 'errors', 'devserver'],
  devserver: ['core', 'validation', 'errors'],
  errors: ['core'],
};

/** Bare (package / node:) imports a layer must not use. */
const forbiddenExternal: Partial<Record<Layer, RegExp[]>> = {
  core: [/^node:/, /^(fs|path|http|https|child_process|os|crypto|net)$/, /^commander$/, /^better-sqlite3$/, /^yaml$/],
  render: [/^node:/, /^(fs|path|http|https|child_process|os|net)$/, /^commander$/],
  validation: [/^node:(fs|http|https|net|child_process)/, /^(fs|http|https|net|child_process)$/],
  app: [/^commander$/],
  devserver: [],
};

/** Globals that pure layers must not touch. */
const forbiddenGlobals: Partial<Record<Layer, RegExp[]>> = {
  core: [/\bprocess\./, /\bconsole\./, /\bfetch\(/, /\bDate\.now\(/, /\bnew Date\(\)/, /\bMath\.random\(/, /\bset(Timeout|Interval)\(/],
  render: [/\bprocess\./, /\bconsole\./, /\bfetch\(/],
  app: [/\bprocess\./, /\bconsole\./],
};

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

function layerOf(file: string): Layer | undefined {
  const rel = relative(srcDir, file).split(sep);
  if (rel.length === 1 && rel[0] === 'errors.ts') return 'errors';
  const first = rel[0] as Layer;
  return first in allowedInternal ? first : undefined;
}

function importsOf(source: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const staticImport = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;
  const bareImport = /^\s*import\s+['"]([^'"]+)['"]/gm;
  const dynamicImport = /import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(staticImport)) found.push({ specifier: m[3]!, typeOnly: Boolean(m[2]) });
  for (const m of source.matchAll(bareImport)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of source.matchAll(dynamicImport)) found.push({ specifier: m[1]!, typeOnly: false });
  return found;
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('architecture: import rules of docs/style.md', () => {
  const files = listFiles(srcDir);

  it('finds source files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const layer = layerOf(file);
    const rel = relative(root, file);
    it(`${rel} respects its layer (${layer ?? 'unknown'})`, () => {
      expect(layer, `${rel} is outside the known layers`).toBeDefined();
      if (!layer) return;
      const source = readFileSync(file, 'utf8');
      const violations: string[] = [];
      for (const { specifier, typeOnly } of importsOf(source)) {
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          if (!target.startsWith(srcDir + sep)) {
            // schemas/*.json and package.json are allowed data imports.
            if (!/\/schemas\/[^/]+\.json$/.test(target) && !target.endsWith(`${sep}package.json`)) {
              violations.push(`${specifier} leaves src/`);
            }
            continue;
          }
          const targetLayer = layerOf(target.replace(/\.js$/, '.ts'));
          if (!targetLayer || targetLayer === layer) continue;
          const allowed = allowedInternal[layer];
          // cli may import devserver only for startDevServer; core may be imported for types anywhere.
          if (!allowed.includes(targetLayer) && !(typeOnly && targetLayer === 'core')) {
            violations.push(`${specifier} (${layer} → ${targetLayer})`);
          }
        } else {
          for (const pattern of forbiddenExternal[layer] ?? []) {
            if (pattern.test(specifier)) violations.push(`${specifier} (external, forbidden in ${layer})`);
          }
        }
      }
      const code = stripComments(source);
      for (const pattern of forbiddenGlobals[layer] ?? []) {
        if (pattern.test(code)) violations.push(`uses ${pattern.source} (forbidden in ${layer})`);
      }
      expect(violations, `${rel} breaks the import rule`).toEqual([]);
    });
  }
});
