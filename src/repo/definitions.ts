/**
 * Reads the desired state from disk: task and workflow definitions in .json/.yaml/.yml files
 * at any depth. A file holds one definition, an array of them (`task-definitions.json`) or a
 * YAML multi-document stream. Each Resource gets `source { file, line, pointer }`, and each
 * entry keeps its document's position lookup so any pointer can be mapped to file:line.
 * Problems are returned as diagnostics; only an unexpected I/O failure throws.
 */
import { readFileSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Diagnostic, WithDiagnostics } from '../core/diagnostics.js';
import { keyId, type JsonObject, type Resource, type ResourceKey } from '../core/model.js';
import { isPlainObject as isObject } from '../core/normalize-json.js';
import { joinPointer } from '../validation/pointer.js';
import type { Locator } from '../validation/types.js';
import { findDuplicateDefinitions } from './definition-duplicates.js';
import { listDefinitionFiles, type DefinitionFile } from './definition-files.js';
import { formatOf, parseDefinitionText, type ParsedDocument } from './parse-file.js';
import type { PositionLookup } from './positions.js';

/** One parsed document of one file. */
export interface SourceDocument {
  /** Path relative to cwd, forward slashes. */
  file: string;
  /** 0-based index in a YAML stream (0 for JSON). */
  index: number;
  lookup: PositionLookup;
}

/** A definition together with the document it came from. */
export interface DefinitionEntry {
  resource: Resource & { source: { file: string; line: number; pointer: string } };
  document: SourceDocument;
}

export interface DefinitionSet {
  /** Every definition file that was read (relative paths), sorted. */
  files: string[];
  documents: SourceDocument[];
  entries: DefinitionEntry[];
  resources: Resource[];
}

export interface ReadDefinitionsOptions {
  cwd: string;
}

/** Files read between two turns of the event loop. */
const YIELD_EVERY = 100;

/** Reads every definition under `paths` (files or directories, relative to cwd). */
export async function readDefinitions(paths: readonly string[], options: ReadDefinitionsOptions): Promise<WithDiagnostics<DefinitionSet>> {
  const listed = await listDefinitionFiles(paths, options.cwd);
  const diagnostics: Diagnostic[] = [...listed.diagnostics];
  const documents: SourceDocument[] = [];
  const entries: DefinitionEntry[] = [];
  for (const [index, file] of listed.value.entries()) {
    // Let other work progress now and then (the plan reads the server meanwhile).
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const read = readDefinitionFile(file);
    diagnostics.push(...read.diagnostics);
    documents.push(...read.value.documents);
    entries.push(...read.value.entries);
  }
  diagnostics.push(...findDuplicateDefinitions(entries.map((e) => ({ resource: e.resource, column: e.document.lookup.locate(e.resource.source.pointer)?.column }))));
  return {
    value: { files: listed.value.map((f) => f.file), documents, entries, resources: entries.map((e) => e.resource) },
    diagnostics,
  };
}

/** A Locator for pointers inside an entry's definition (relative to the definition). */
export function locatorFor(entry: DefinitionEntry): Locator {
  const base = entry.resource.source.pointer;
  return (pointer) => entry.document.lookup.locate(base + pointer);
}

/**
 * Where a pointer inside a definition (relative to its body) is in the repo, by key id
 * (`workflowDef/order_flow@3`): for the planner and anyone else mapping a JSON pointer to
 * file:line:column. Undefined when the definition was not read from these files.
 */
export function locateInDefinition(set: DefinitionSet, id: string, pointer: string): { file: string; line: number; column: number } | undefined {
  const entry = set.entries.find((e) => keyId(e.resource.key) === id);
  const position = entry && locatorFor(entry)(pointer);
  return entry && position ? { file: entry.resource.source.file, ...position } : undefined;
}

/** Synchronous: thousands of small files read one by one cost far less than as many promises. */
function readDefinitionFile(file: DefinitionFile): WithDiagnostics<{ documents: SourceDocument[]; entries: DefinitionEntry[] }> {
  const text = readFileSync(file.absolutePath, 'utf8');
  const parsed = parseDefinitionText(text, { file: file.file, format: formatOf(file.absolutePath) ?? 'yaml' });
  const diagnostics = [...parsed.diagnostics];
  const documents: SourceDocument[] = [];
  const entries: DefinitionEntry[] = [];
  for (const doc of parsed.value) {
    const document: SourceDocument = { file: file.file, index: doc.index, lookup: doc.lookup };
    documents.push(document);
    const extracted = extractDefinitions(doc, document);
    diagnostics.push(...extracted.diagnostics);
    entries.push(...extracted.value);
  }
  return { value: { documents, entries }, diagnostics };
}

/** Splits a document into definitions: one object, or an array of objects. */
function extractDefinitions(doc: ParsedDocument, document: SourceDocument): WithDiagnostics<DefinitionEntry[]> {
  const candidates: { pointer: string; value: unknown }[] = Array.isArray(doc.value)
    ? doc.value.map((value, index) => ({ pointer: joinPointer('', index), value }))
    : [{ pointer: '', value: doc.value }];
  const diagnostics: Diagnostic[] = [];
  const entries: DefinitionEntry[] = [];
  const at = (pointer: string) => {
    const position = document.lookup.locate(pointer);
    return { file: document.file, pointer, line: position?.line, column: position?.column };
  };
  if (Array.isArray(doc.value) && doc.value.length === 0) {
    diagnostics.push({ severity: 'warning', code: 'DEF_EMPTY_FILE', message: 'empty array: it holds no definitions', ...at('') });
  }
  for (const { pointer, value } of candidates) {
    if (!isObject(value)) {
      const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
      diagnostics.push({ severity: 'error', code: 'DEF_NOT_OBJECT', message: `expected a task or workflow definition (an object), found ${what}`, ...at(pointer) });
      continue;
    }
    const key = keyOf(value);
    if (!key) {
      const message = value['name'] === undefined ? 'definition has no name' : 'definition name must be a non-empty string';
      diagnostics.push({ severity: 'error', code: 'DEF_NAME_MISSING', message, ...at(value['name'] === undefined ? pointer : `${pointer}/name`) });
      continue;
    }
    const line = document.lookup.locate(pointer)?.line ?? 1;
    entries.push({ resource: { key, body: value, source: { file: document.file, line, pointer } }, document });
  }
  return { value: entries, diagnostics };
}

/** Kind by shape: anything with `tasks` is a workflow def (even a malformed one). */
function keyOf(body: JsonObject): ResourceKey | undefined {
  const name = body['name'];
  if (typeof name !== 'string' || name.trim() === '') return undefined;
  if (!('tasks' in body)) return { kind: 'taskDef', name };
  return { kind: 'workflowDef', name, version: versionOf(body['version']) };
}

/** Absent → 1, as the server does. A numeric string is read as Jackson would; the schema flags it. */
function versionOf(version: unknown): number {
  if (typeof version === 'number' && Number.isInteger(version)) return version;
  if (typeof version === 'string' && /^\d+$/.test(version)) return Number(version);
  return 1;
}
