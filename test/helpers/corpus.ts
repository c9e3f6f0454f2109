/**
 * The shared corpus of real-world definitions (../shared/corpus from the repo root: 364 JSON
 * files from 7 public repositories; SOURCES.md there). Tests that walk it read it through here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonObject } from '../../src/core/model.js';

export const corpusDir = resolve(import.meta.dirname, '../../../shared/corpus');

/** Every definition file below `dir`, sorted, without the corpus's own index.json. */
export function listCorpusFiles(dir: string = corpusDir): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listCorpusFiles(path);
      return name.endsWith('.json') && name !== 'index.json' ? [path] : [];
    });
}

/** The named definitions of one file (a file holds one object or an array; a BOM is allowed). */
export function readCorpusDefinitions(file: string): JsonObject[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.filter((item): item is JsonObject => typeof item === 'object' && item !== null && typeof (item as JsonObject)['name'] === 'string');
}
