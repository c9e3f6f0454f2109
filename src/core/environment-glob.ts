/**
 * Glob matching for environment scopes (definition paths and names, prune scope). Pure and
 * dependency-free: node's path.matchesGlob exists in Node 20.20 but prints an
 * ExperimentalWarning on stderr, and core may not import node:* anyway.
 *
 * Syntax: `*` any run of characters except `/`; `**` as a whole path segment any number of
 * segments (also none); `?` one character except `/`; `[abc]`, `[a-z]`, `[!abc]` a class;
 * `{a,b}` alternatives (not nested). Everything else is literal; `\x` escapes `x`.
 * Matching is case-sensitive and anchored at both ends.
 */

/** A compiled glob. */
export interface Glob {
  readonly pattern: string;
  test(subject: string): boolean;
}

/** Why a pattern cannot be compiled, or undefined when it is valid. */
export function checkGlob(pattern: string): string | undefined {
  try {
    compileGlob(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Compiles a pattern; throws a plain Error with a short reason when it is malformed. */
export function compileGlob(pattern: string): Glob {
  const cached = cache.get(pattern);
  if (cached) return cached;
  if (pattern === '') throw new Error('empty pattern');
  const regex = new RegExp(`^${translate(pattern)}$`, 'u');
  const glob: Glob = { pattern, test: (subject) => regex.test(subject) };
  if (cache.size < 1000) cache.set(pattern, glob);
  return glob;
}

/** Compiled patterns: selection runs every glob against every definition. */
const cache = new Map<string, Glob>();

/** True when `subject` matches `pattern` (see the syntax above). */
export function matchGlob(pattern: string, subject: string): boolean {
  return compileGlob(pattern).test(subject);
}

const REGEX_SPECIAL = /[.+^$|()\\[\]{}*?/]/;

function escapeChar(char: string): string {
  return REGEX_SPECIAL.test(char) ? `\\${char}` : char;
}

function translate(pattern: string): string {
  let out = '';
  let inBraces = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new Error('pattern ends with an unfinished escape "\\"');
      out += escapeChar(next);
      i++;
    } else if (char === '*') {
      if (pattern[i + 1] === '*') {
        const atSegmentStart = i === 0 || pattern[i - 1] === '/';
        const next = pattern[i + 2];
        if (!atSegmentStart || (next !== undefined && next !== '/')) throw new Error('"**" must be a whole path segment');
        // `**/` matches zero or more leading segments; a trailing `**` matches the rest.
        out += next === '/' ? '(?:[^/]*/)*' : '.*';
        i += next === '/' ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) throw new Error('unclosed "[" in pattern');
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^/' : ''}${body.replace(/[\\\]^]/g, (c) => `\\${c}`)}]`;
      i = end;
    } else if (char === '{') {
      if (inBraces) throw new Error('nested "{" is not supported');
      inBraces = true;
      out += '(?:';
    } else if (char === '}' && inBraces) {
      inBraces = false;
      out += ')';
    } else if (char === ',' && inBraces) {
      out += '|';
    } else {
      out += escapeChar(char);
    }
  }
  if (inBraces) throw new Error('unclosed "{" in pattern');
  return out;
}
