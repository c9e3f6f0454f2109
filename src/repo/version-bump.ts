/**
 * Rewrites the `version` field of workflow definitions in their files for `conductor version
 * bump`, changing nothing else: comments, key order, quoting and indentation stay as they
 * were. The yaml CST gives each node's source range, so an existing value is replaced in the
 * text itself (this works for YAML and JSON alike); a missing `version` is inserted on the
 * line after `name`, indented like it. Every edit is checked by parsing the result again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, isPair, isScalar, parseAllDocuments, type Document, type Pair, type YAMLMap } from 'yaml';
import { InternalError } from '../errors.js';

export interface VersionEdit {
  /** Path relative to cwd, as in Resource.source.file. */
  file: string;
  /** Index of the document in a YAML stream (0 for JSON). */
  documentIndex: number;
  /** JSON pointer of the definition inside its document ('' or '/3'). */
  pointer: string;
  version: number;
}

const BOM = '\uFEFF';

/** Applies the edits, file by file. Returns the files that changed. */
export async function writeVersionEdits(edits: readonly VersionEdit[], options: { cwd: string }): Promise<string[]> {
  const byFile = new Map<string, VersionEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const changed: string[] = [];
  for (const [file, fileEdits] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = resolve(options.cwd, file);
    const original = await readFile(path, 'utf8');
    const updated = applyVersionEdits(original, fileEdits, file);
    if (updated !== original) {
      await writeFile(path, updated, 'utf8');
      changed.push(file);
    }
  }
  return changed;
}

/** Pure text transformation (exported for tests). */
export function applyVersionEdits(original: string, edits: readonly Omit<VersionEdit, 'file'>[], file = '(text)'): string {
  const hasBom = original.startsWith(BOM);
  let text = hasBom ? original.slice(1) : original;
  const isJson = /^\s*[[{]/.test(text) && file.toLowerCase().endsWith('.json');
  // Splice from the end of the file so earlier offsets stay valid.
  const splices = edits.map((edit) => planSplice(text, edit, isJson, file)).sort((a, b) => b.at - a.at);
  for (const splice of splices) text = text.slice(0, splice.at) + splice.insert + text.slice(splice.at + splice.remove);
  for (const edit of edits) verifyEdit(text, edit, file);
  return hasBom ? BOM + text : text;
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function planSplice(text: string, edit: Omit<VersionEdit, 'file'>, isJson: boolean, file: string): Splice {
  const doc = parseAllDocuments(text)[edit.documentIndex] as Document.Parsed | undefined;
  const map = doc?.getIn(pointerToPath(edit.pointer), true);
  if (!isMap(map)) throw new InternalError(`${file}: no definition at document ${edit.documentIndex}, pointer "${edit.pointer}"`);
  const existing = findPair(map, 'version');
  if (existing && isScalar(existing.value) && existing.value.range) {
    const [start, valueEnd] = existing.value.range;
    return { at: start, remove: valueEnd - start, insert: String(edit.version) };
  }
  return planInsertion(text, map, edit.version, isJson, file);
}

/** A new `version` right after `name` (or as the first key when there is no `name`). */
function planInsertion(text: string, map: YAMLMap, version: number, isJson: boolean, file: string): Splice {
  const anchor = findPair(map, 'name') ?? map.items[0];
  const keyRange = anchor && isScalar(anchor.key) ? anchor.key.range : undefined;
  const valueRange = anchor && isScalar(anchor.value) ? anchor.value.range : undefined;
  if (!keyRange || !valueRange) throw new InternalError(`${file}: cannot find where to insert "version"`);
  const keyText = isJson ? '"version"' : 'version';
  const lineStart = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
  const indent = text.slice(lineStart, keyRange[0]).replace(/\S/g, ' ');
  if (map.flow) {
    const multiline = text.slice(lineStart, keyRange[0]).trim() === '';
    const separator = multiline ? `,\n${indent}` : ', ';
    return { at: valueRange[1], remove: 0, insert: `${separator}${keyText}: ${version}` };
  }
  const lineEnd = text.indexOf('\n', valueRange[1]);
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const prefix = lineEnd === -1 ? '\n' : '';
  return { at, remove: 0, insert: `${prefix}${indent}${keyText}: ${version}\n` };
}

function verifyEdit(text: string, edit: Omit<VersionEdit, 'file'>, file: string): void {
  const doc = parseAllDocuments(text)[edit.documentIndex] as Document.Parsed | undefined;
  const value: unknown = doc?.errors.length === 0 ? doc.getIn([...pointerToPath(edit.pointer), 'version']) : undefined;
  if (value !== edit.version) throw new InternalError(`${file}: rewriting the version did not produce version ${edit.version}`);
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item): item is Pair => isPair(item) && isScalar(item.key) && item.key.value === key);
}

/** '' → [], '/3' → [3], '/a~1b' → ['a/b']. Definition pointers hold array indices only. */
function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((token) => (/^\d+$/.test(token) ? Number(token) : token));
}
