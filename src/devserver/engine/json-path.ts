/**
 * JSONPath-lite: the subset of Jayway JsonPath that Conductor definitions use in `${…}`
 * expressions (ParametersUtils reads paths with SUPPRESS_EXCEPTIONS, so anything that does not
 * resolve is null, never an error).
 *
 * Supported: optional `$` root; `.name` and `['name']` / `["name"]` members; `[n]` and `[-n]`
 * indexes; `[*]` and `.*` wildcards; `..name` deep scan; `[a,b]` / `[0,1]` unions; `[s:e]`
 * slices; a trailing `.length()`. A definite path gives the value (or undefined); a path with a
 * wildcard, deep scan, union or slice gives the list of matches, as Jayway does. Filters
 * (`[?(…)]`) are not supported and give undefined.
 */
import { isPlainObject as isRecord } from './model.js';

type Segment =
  | { kind: 'member'; names: string[] }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'wildcard' }
  | { kind: 'deep'; name: string }
  | { kind: 'length' };

const INVALID = Symbol('invalid');

/** Reads `path` from `doc`; undefined when the path does not resolve or cannot be parsed. */
export function readJsonPath(doc: unknown, path: string): unknown {
  const segments = parsePath(path.trim());
  if (segments === INVALID) return undefined;
  const definite = segments.every((s) => (s.kind === 'member' && s.names.length === 1) || (s.kind === 'index' && s.indexes.length === 1) || s.kind === 'length');
  let current: unknown[] = [doc];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) applySegment(value, segment, next, definite);
    current = next;
    if (definite && current.length === 0) return undefined;
  }
  return definite ? current[0] : current;
}

function applySegment(value: unknown, segment: Segment, out: unknown[], definite: boolean): void {
  switch (segment.kind) {
    case 'member':
      if (isRecord(value)) {
        for (const name of segment.names) if (Object.hasOwn(value, name)) out.push(value[name]);
        else if (definite) return;
      }
      return;
    case 'index':
      if (Array.isArray(value)) {
        for (const raw of segment.indexes) {
          const index = raw < 0 ? value.length + raw : raw;
          if (index >= 0 && index < value.length) out.push(value[index]);
        }
      }
      return;
    case 'slice':
      if (Array.isArray(value)) out.push(...value.slice(segment.start ?? 0, segment.end ?? value.length));
      return;
    case 'wildcard':
      if (Array.isArray(value)) out.push(...value);
      else if (isRecord(value)) out.push(...Object.values(value));
      return;
    case 'deep':
      collectDeep(value, segment.name, out);
      return;
    case 'length':
      if (Array.isArray(value)) out.push(value.length);
      else if (isRecord(value)) out.push(Object.keys(value).length);
      else if (typeof value === 'string') out.push(value.length);
      return;
  }
}

function collectDeep(value: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectDeep(item, name, out);
  } else if (isRecord(value)) {
    if (name === '*') out.push(...Object.values(value));
    else if (Object.hasOwn(value, name)) out.push(value[name]);
    for (const child of Object.values(value)) collectDeep(child, name, out);
  }
}

function parsePath(path: string): Segment[] | typeof INVALID {
  const segments: Segment[] = [];
  let i = 0;
  if (path.startsWith('$')) i = 1;
  else if (path.length > 0) {
    const end = nameEnd(path, 0);
    if (end === 0) return INVALID;
    segments.push({ kind: 'member', names: [path.slice(0, end)] });
    i = end;
  }
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.' && path[i + 1] === '.') {
      const end = nameEnd(path, i + 2);
      const name = path.slice(i + 2, end);
      if (name === '') return INVALID;
      segments.push({ kind: 'deep', name });
      i = end;
    } else if (ch === '.') {
      const end = nameEnd(path, i + 1);
      const name = path.slice(i + 1, end);
      if (name === '') return INVALID;
      if (name === '*') segments.push({ kind: 'wildcard' });
      else if (name === 'length' && path.startsWith('()', end)) {
        segments.push({ kind: 'length' });
        i = end + 2;
        continue;
      } else segments.push({ kind: 'member', names: [name] });
      i = end;
    } else if (ch === '[') {
      const close = findBracketEnd(path, i);
      if (close < 0) return INVALID;
      const segment = parseBracket(path.slice(i + 1, close).trim());
      if (segment === INVALID) return INVALID;
      segments.push(segment);
      i = close + 1;
    } else {
      return INVALID;
    }
  }
  return segments;
}

function nameEnd(path: string, from: number): number {
  let i = from;
  while (i < path.length && path[i] !== '.' && path[i] !== '[' && path[i] !== '(') i++;
  return i;
}

function findBracketEnd(path: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < path.length; i++) {
    const ch = path[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ']') return i;
  }
  return -1;
}

function parseBracket(body: string): Segment | typeof INVALID {
  if (body === '*') return { kind: 'wildcard' };
  if (body.startsWith('?')) return INVALID;
  const parts = splitUnion(body);
  if (parts.every((p) => /^(['"]).*\1$/s.test(p))) return { kind: 'member', names: parts.map((p) => p.slice(1, -1)) };
  if (parts.length === 1 && /^-?\d*:-?\d*$/.test(parts[0] ?? '')) {
    const [start, end] = (parts[0] ?? '').split(':');
    return { kind: 'slice', ...(start ? { start: Number(start) } : {}), ...(end ? { end: Number(end) } : {}) };
  }
  if (parts.every((p) => /^-?\d+$/.test(p))) return { kind: 'index', indexes: parts.map(Number) };
  return INVALID;
}

function splitUnion(body: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ',') {
      parts.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(body.slice(start).trim());
  return parts;
}
