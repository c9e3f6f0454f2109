/**
 * Parses the text of one definition file (.json, .yaml, .yml) into documents with position
 * lookups. Malformed input becomes one diagnostic with file, line and column, never an
 * exception: truncated JSON, tabs in YAML, duplicate keys, an empty file.
 */
import { isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Diagnostic, WithDiagnostics } from '../core/diagnostics.js';
import { parseFastYaml } from './definition-fast-yaml.js';
import { scanJson } from './json-syntax.js';
import { buildPositionLookup, type Position, type PositionLookup } from './positions.js';

export type FileFormat = 'json' | 'yaml';

/** One document of a file: a whole JSON file, or one document of a YAML stream. */
export interface ParsedDocument {
  /** 0-based index in the YAML stream (always 0 for JSON). */
  index: number;
  value: unknown;
  /** 1-based line where the document's content starts. */
  line: number;
  lookup: PositionLookup;
}

export interface ParseOptions {
  /** Path shown in diagnostics. */
  file: string;
  format: FileFormat;
}

const BOM = '\uFEFF';

/** The format implied by a file name, or undefined for files that are not definitions. */
export function formatOf(fileName: string): FileFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

/** Parses one file's text. A leading UTF-8 BOM is accepted. */
export function parseDefinitionText(rawText: string, options: ParseOptions): WithDiagnostics<ParsedDocument[]> {
  const text = rawText.startsWith(BOM) ? rawText.slice(1) : rawText;
  const { file } = options;
  if (text.trim() === '') {
    return { value: [], diagnostics: [{ severity: 'warning', code: 'DEF_EMPTY_FILE', message: 'empty file: it holds no definitions', file, pointer: '', line: 1, column: 1 }] };
  }
  if (options.format === 'yaml') {
    const fast = parseFastYaml(text);
    if (fast) {
      const known = new Map<string, Position>([['', fast.root]]);
      for (const [index, position] of fast.elements) known.set(`/${index}`, position);
      const lookup = lazyLookup(text, options.format, known);
      return { value: [{ index: 0, value: fast.value, line: fast.root.line, lookup }], diagnostics: [] };
    }
  }
  const lineCounter = new LineCounter();
  if (options.format === 'json') {
    const scan = scanJson(text);
    if (scan.error) return { value: [], diagnostics: [syntaxDiagnostic(file, text, scan.error.offset, `invalid JSON: ${scan.error.message}`)] };
    // Valid JSON without repeated keys: JSON.parse gives what the yaml AST would, much faster;
    // the AST is built only if a position other than the document's or its elements' is asked for.
    const value: unknown = scan.duplicateKey === undefined ? JSON.parse(text) : null;
    if (value !== null) {
      const position = positionFinder(text);
      const root = position(scan.root);
      const known = new Map<string, Position>([['', root]]);
      if (Array.isArray(value)) scan.elements.forEach((offset, index) => known.set(`/${index}`, position(offset)));
      return { value: [{ index: 0, value, line: root.line, lookup: lazyLookup(text, options.format, known) }], diagnostics: [] };
    }
  }
  const documents = parseDocuments(text, lineCounter, options.format);
  const parsed: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  documents.forEach((doc, index) => {
    const result = convertDocument(doc, index, lineCounter, file, options.format);
    if ('diagnostic' in result) diagnostics.push(result.diagnostic);
    else if (result.document) parsed.push(result.document);
  });
  if (parsed.length === 0 && diagnostics.length === 0) {
    diagnostics.push({ severity: 'warning', code: 'DEF_EMPTY_FILE', message: 'the file holds only empty YAML documents', file, pointer: '', line: 1, column: 1 });
  }
  return { value: parsed, diagnostics };
}

function parseDocuments(text: string, lineCounter: LineCounter, format: FileFormat): Document.Parsed[] {
  // merge: YAML users share fields with `<<: *defaults`; without it the key would be kept literally.
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, version: '1.2', merge: format === 'yaml' });
  return Array.isArray(documents) ? documents : [];
}

/**
 * The lookup of a single-document file read by the fast path: the positions the fast path
 * knows (the document, its top-level elements) at once; any other pointer parses the text
 * with the yaml package on first use, so the answer is the one the AST gives.
 */
function lazyLookup(text: string, format: FileFormat, known: ReadonlyMap<string, Position>): PositionLookup {
  let full: PositionLookup | undefined;
  return {
    locate(pointer: string): Position | undefined {
      const position = known.get(pointer);
      if (position) return { ...position };
      if (!full) {
        const lineCounter = new LineCounter();
        const [document] = parseDocuments(text, lineCounter, format);
        full = buildPositionLookup(document?.contents, lineCounter);
      }
      return full.locate(pointer);
    },
  };
}

type ConvertResult = { diagnostic: Diagnostic } | { document: ParsedDocument | undefined };

function convertDocument(doc: Document.Parsed, index: number, lineCounter: LineCounter, file: string, format: FileFormat): ConvertResult {
  const [error] = doc.errors;
  if (error) {
    const code = error.code === 'DUPLICATE_KEY' ? 'DEF_DUPLICATE_KEY' : 'DEF_SYNTAX';
    const kind = format === 'json' ? 'JSON' : 'YAML';
    const message = error.code === 'DUPLICATE_KEY' ? 'duplicate key: each key may appear only once in a mapping' : `invalid ${kind}: ${firstLine(error.message)}`;
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { diagnostic: { severity: 'error', code, message, file, pointer: '', line, column: col } };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { document: undefined };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (cause) {
    const { line, col } = lineCounter.linePos(doc.contents.range[0]);
    const message = `cannot read YAML document: ${cause instanceof Error ? cause.message : String(cause)}`;
    return { diagnostic: { severity: 'error', code: 'DEF_SYNTAX', message, file, pointer: '', line, column: col } };
  }
  const lookup = buildPositionLookup(doc.contents, lineCounter);
  return { document: { index, value, line: lookup.locate('')?.line ?? 1, lookup } };
}

/** Offset → 1-based line and column, as the yaml LineCounter counts them (offsets asked in increasing order are cheapest). */
function positionFinder(text: string): (offset: number) => Position {
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  return (offset) => {
    if (offset < scanned) {
      line = 1;
      lineStart = 0;
      scanned = 0;
    }
    for (let at = text.indexOf('\n', scanned); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    scanned = offset;
    return { line, column: offset - lineStart + 1 };
  };
}

function syntaxDiagnostic(file: string, text: string, offset: number, message: string): Diagnostic {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { severity: 'error', code: 'DEF_SYNTAX', message, file, pointer: '', line, column };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
