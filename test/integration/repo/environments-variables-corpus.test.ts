/**
 * The `((name))` variable syntax must not clash with anything real Conductor definitions
 * contain: scan every file of the shared corpus of public definitions (docs: corpus
 * SOURCES.md) for a reference, escaped or not. Venue: needs /work/shared/corpus (or
 * CONDUCTOR_CORPUS_DIR); skipped where the corpus is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findVariableReferences, substituteVariables } from '../../../src/core/environment-variables.js';

const corpus = process.env['CONDUCTOR_CORPUS_DIR'] ?? '/work/shared/corpus';

function listJson(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listJson(path);
    return path.endsWith('.json') ? [path] : [];
  });
}

describe.skipIf(!existsSync(corpus))('variable syntax vs the definition corpus', () => {
  const files = existsSync(corpus) ? listJson(corpus) : [];

  it('scans a substantial corpus', () => {
    expect(files.length).toBeGreaterThan(300);
  });

  it('finds no ((name)) in any corpus file, and substitution leaves every file unchanged', () => {
    const hits: string[] = [];
    let withDoubleParens = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      if (text.includes('((')) withDoubleParens++;
      for (const ref of findVariableReferences(text)) hits.push(`${relative(corpus, file)}: ((${ref.name}))`);
      const parsed = JSON.parse(text) as unknown;
      const result = substituteVariables(parsed, {});
      expect(result.undefinedVariables, relative(corpus, file)).toEqual([]);
      expect(result.value).toEqual(parsed);
    }
    expect(hits).toEqual([]);
    // The corpus does contain "((" (JavaScript and jq): the check above is not vacuous.
    expect(withDoubleParens).toBeGreaterThan(0);
  });
});
