/**
 * A fast reader for the plain block YAML that definition files are usually written in:
 * block mappings and sequences, single-line plain and quoted scalars, one-line flow sequences
 * of scalars, `{}`, comments, an optional leading `---`. It gives exactly the value the `yaml`
 * package gives (YAML 1.2 core schema: the same scalar tests in the same order) plus the
 * positions of the document and of its top-level array elements, without building an AST.
 *
 * It is a fast path only: on anything outside that subset (anchors, aliases, tags, block
 * scalars, multi-line scalars, flow mappings, tabs, several documents, duplicate keys, merge
 * keys, anything malformed) it returns undefined and the caller parses the file with the
 * `yaml` package, which then also reports any error with its position. Pure.
 */
import type { Position } from './positions.js';

export interface FastYamlDocument {
  value: unknown;
  /** Position of the document's content (what the yaml AST gives for pointer ''). */
  root: Position;
  /** Positions of the elements of a top-level sequence (not of empty ones), by index. */
  elements: Map<number, Position>;
}

/** Signals "not in the fast subset": the caller falls back to the full parser. */
class Unsupported extends Error {}
const unsupported = new Unsupported();
function bail(): never {
  throw unsupported;
}

interface Line {
  /** 1-based line number. */
  no: number;
  indent: number;
  /** The line after its indentation, trailing spaces removed (never empty, never a comment). */
  text: string;
}

// Characters the full parser treats specially or rejects: control characters, tabs, DEL/C1, BOM, non-characters.
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARS = /[\x00-\x08\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]/;

/** The parsed document, or undefined when the text is outside the fast subset. */
export function parseFastYaml(text: string): FastYamlDocument | undefined {
  if (UNSUPPORTED_CHARS.test(text)) return undefined;
  try {
    return new FastYamlReader(splitLines(text)).document();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const raw = text.split('\n');
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.includes('\r')) bail();
    let indent = 0;
    while (line.charCodeAt(indent) === 0x20) indent++;
    if (indent === line.length || line.charCodeAt(indent) === 0x23 /* # */) continue;
    lines.push({ no: i + 1, indent, text: line.slice(indent).trimEnd() });
  }
  return lines;
}

class FastYamlReader {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  document(): FastYamlDocument {
    const lines = this.lines;
    if (lines.length === 0) bail();
    const first = lines[0]!;
    if (first.indent === 0 && first.text.startsWith('---')) {
      if (first.text !== '---' && !/^--- +#/.test(first.text)) bail();
      this.i = 1;
    }
    for (let k = this.i; k < lines.length; k++) {
      const line = lines[k]!;
      if (line.indent === 0 && (line.text.startsWith('---') || line.text.startsWith('...') || line.text[0] === '%')) bail();
    }
    const start = lines[this.i];
    if (!start || start.indent !== 0) bail();
    const root: Position = { line: start.no, column: 1 };
    const elements = new Map<number, Position>();
    const value = this.node(0, elements);
    if (this.i !== lines.length) bail();
    return { value, root, elements };
  }

  /** A block node whose first line is the current one, at indent `indent`. */
  private node(indent: number, elements?: Map<number, Position>): unknown {
    const line = this.lines[this.i]!;
    if (isSequenceItem(line.text)) return this.sequence(indent, elements);
    if (entryColon(line.text) >= 0) return this.mapping(indent);
    return bail(); // a scalar on its own line (multi-line value or a plain document scalar)
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const lines = this.lines;
    while (this.i < lines.length) {
      const line = lines[this.i]!;
      if (line.indent < indent) break;
      if (line.indent > indent) bail();
      const colon = entryColon(line.text);
      if (colon < 0) bail();
      const key = readKey(line.text.slice(0, colon));
      if (Object.prototype.hasOwnProperty.call(map, key)) bail(); // duplicate (or colliding) key: let the full parser report it
      const rest = line.text.slice(colon + 1).trimStart();
      this.i++;
      if (rest === '' || rest[0] === '#') {
        map[key] = this.nestedValue(indent, true);
      } else {
        map[key] = readInlineValue(rest);
        this.expectNotDeeper(indent);
      }
    }
    return map;
  }

  private sequence(indent: number, elements?: Map<number, Position>): unknown[] {
    const items: unknown[] = [];
    const lines = this.lines;
    while (this.i < lines.length) {
      const line = lines[this.i]!;
      if (line.indent < indent) break;
      if (line.indent > indent || !isSequenceItem(line.text)) bail();
      let offset = 1;
      while (line.text.charCodeAt(offset) === 0x20) offset++;
      const rest = line.text.slice(offset);
      if (rest === '' || rest[0] === '#') {
        this.i++;
        const next = lines[this.i];
        if (elements && next && next.indent > indent) {
          elements.set(items.length, { line: next.no, column: next.indent + 1 });
        }
        items.push(this.nestedValue(indent, false));
        continue;
      }
      if (isSequenceItem(rest)) bail(); // `- - x`
      const column = line.indent + offset;
      if (entryColon(rest) >= 0) {
        // `- key: value`: a mapping whose keys sit at the column of the first one.
        elements?.set(items.length, { line: line.no, column: column + 1 });
        lines[this.i] = { no: line.no, indent: column, text: rest };
        items.push(this.mapping(column));
        continue;
      }
      elements?.set(items.length, { line: line.no, column: column + 1 });
      this.i++;
      items.push(readInlineValue(rest));
      this.expectNotDeeper(indent);
    }
    return items;
  }

  /**
   * The value of `key:` or `-` with nothing after it: a block node on the following lines
   * (deeper, or a sequence at the same indent for a mapping value), else null.
   */
  private nestedValue(indent: number, isMappingValue: boolean): unknown {
    const next = this.lines[this.i];
    if (!next || next.indent < indent) return null;
    if (next.indent > indent) return this.node(next.indent);
    if (isMappingValue && isSequenceItem(next.text)) return this.sequence(indent);
    return null;
  }

  /** After an inline value, a deeper line would continue a multi-line scalar (or be an error). */
  private expectNotDeeper(indent: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) bail();
  }
}

function isSequenceItem(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

/**
 * Index of the `:` that ends an implicit key on this line (followed by a space or the end
 * of the line), or -1 when the line is not a mapping entry. Quoted keys end at their quote.
 */
function entryColon(text: string): number {
  const first = text[0];
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, 1);
    if (close < 0) return -1;
    let at = close + 1;
    while (text[at] === ' ') at++;
    return text[at] === ':' && (at + 1 === text.length || text[at + 1] === ' ') ? at : -1;
  }
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
    if (at + 1 === text.length || text[at + 1] === ' ') {
      const hash = text.indexOf(' #');
      return hash >= 0 && hash < at ? -1 : at;
    }
  }
  return -1;
}

/** The key as toJS makes it: the scalar resolved, then stringified (null → ''). */
function readKey(raw: string): string {
  const text = raw.trimEnd();
  if (text.length === 0 || text.length > 1000) bail();
  const first = text[0]!;
  let value: unknown;
  if (first === '"' || first === "'") {
    const quoted = readQuoted(text, 0);
    if (quoted.end !== text.length) bail();
    value = quoted.value;
  } else {
    if (!isPlainStart(text)) bail();
    value = resolvePlain(text);
  }
  const key = value === null ? '' : String(value);
  if (key === '<<' || key === '__proto__') bail();
  return key;
}

/** A value written on the same line as its key or dash (comments allowed after it). */
function readInlineValue(rest: string): unknown {
  const first = rest[0]!;
  if (first === '"' || first === "'") {
    const quoted = readQuoted(rest, 0);
    expectLineEnd(rest, quoted.end);
    return quoted.value;
  }
  if (first === '[') return readFlowSequence(rest);
  if (first === '{') {
    const close = rest.indexOf('}');
    if (close < 0 || rest.slice(1, close).trim() !== '') bail();
    expectLineEnd(rest, close + 1);
    return {};
  }
  if (!isPlainStart(rest)) bail();
  const hash = rest.indexOf(' #');
  const text = hash >= 0 ? rest.slice(0, hash).trimEnd() : rest;
  if (text.includes(': ') || text.endsWith(':')) bail(); // a nested mapping: not allowed inline
  return resolvePlain(text);
}

/** Only spaces, or spaces and a comment, may follow a value. */
function expectLineEnd(text: string, at: number): void {
  if (at === text.length) return;
  if (text[at] !== ' ') bail();
  const rest = text.slice(at).trimStart();
  if (rest !== '' && rest[0] !== '#') bail();
}

/** `[a, "b", 3]` on one line; nested collections and empty entries are left to the full parser. */
function readFlowSequence(text: string): unknown[] {
  const items: unknown[] = [];
  let at = 1;
  const skipSpaces = () => {
    while (text[at] === ' ') at++;
  };
  skipSpaces();
  if (text[at] === ']') {
    expectLineEnd(text, at + 1);
    return items;
  }
  for (;;) {
    skipSpaces();
    const first = text[at];
    if (first === undefined) bail();
    if (first === '"' || first === "'") {
      const quoted = readQuoted(text, at);
      items.push(quoted.value);
      at = quoted.end;
    } else {
      let end = at;
      while (end < text.length && !',[]{}#'.includes(text[end]!)) end++;
      const plain = text.slice(at, end).trimEnd();
      if (plain === '' || !isPlainStart(plain) || plain.includes(':') || text[end] === '#') bail();
      items.push(resolvePlain(plain));
      at = end;
    }
    skipSpaces();
    if (text[at] === ',') {
      at++;
      skipSpaces();
      if (text[at] === ']' || text[at] === ',') bail(); // trailing or empty entry
      continue;
    }
    if (text[at] !== ']') bail();
    expectLineEnd(text, at + 1);
    return items;
  }
}

const JSON_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

/** A quoted scalar that closes on this line; escapes beyond JSON's are left to the full parser. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  if (quote === "'") {
    let value = '';
    let at = start + 1;
    for (;;) {
      const close = text.indexOf("'", at);
      if (close < 0) bail();
      value += text.slice(at, close);
      if (text[close + 1] === "'") {
        value += "'";
        at = close + 2;
        continue;
      }
      return { value, end: close + 1 };
    }
  }
  let at = start + 1;
  for (;;) {
    const ch = text[at];
    if (ch === undefined) bail();
    if (ch === '"') break;
    at += ch === '\\' ? 2 : 1;
  }
  const body = text.slice(start + 1, at);
  if (!body.includes('\\')) return { value: body, end: at + 1 };
  if (body.replace(JSON_ESCAPES, '').includes('\\')) bail();
  return { value: JSON.parse(`"${body}"`) as string, end: at + 1 };
}

/** A plain scalar may not start with an indicator (the fast path is stricter than YAML here). */
function isPlainStart(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first < 128 && INDICATORS[first] === 1) return false;
  if (first === 0x2d /* - */ || first === 0x3f /* ? */ || first === 0x3a /* : */) return text.length > 1 && text[1] !== ' ';
  return true;
}

/** ASCII characters that may not start a plain scalar (as a lookup table by code). */
const INDICATORS = new Uint8Array(128);
for (const ch of '[]{},#&*!|>\'"%@`') INDICATORS[ch.charCodeAt(0)] = 1;

// The YAML 1.2 core schema, tested in the order the yaml package tests its tags.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/**
 * Whether a plain scalar cannot be anything but a string, by its first character: a letter
 * that starts no null, bool or special float word (not n, t, f in either case), `_`, `$` or `/`.
 * Lets most scalars skip the tests below.
 */
function isSurelyString(text: string): boolean {
  const code = text.charCodeAt(0) | 0x20; // ASCII letters to lower case
  if (code >= 0x61 && code <= 0x7a) return code !== 0x6e && code !== 0x74 && code !== 0x66 && text.charCodeAt(0) < 0x80;
  const first = text.charCodeAt(0);
  return first === 0x5f /* _ */ || first === 0x24 /* $ */ || first === 0x2f; /* / */
}

function resolvePlain(text: string): unknown {
  if (isSurelyString(text)) return text;
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}
