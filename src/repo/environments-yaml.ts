/**
 * YAML parsing that remembers where things are: the parsed value, a JSON pointer → line map
 * (built with the `yaml` package's LineCounter), and parse errors as diagnostics. Used for
 * environment files and the official CLI's config files; usable for any YAML document.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../core/diagnostics.js';
import { escapePointerSegment } from '../core/environment.js';

export interface ParsedYaml {
  value: unknown;
  /** JSON pointer → 1-based line. A map entry's line is the line of its key. */
  lines: Record<string, number>;
  diagnostics: Diagnostic[];
}

/** Parses one YAML document. Errors become diagnostics with `code` (e.g. ENV_YAML). */
export function parseYamlWithLines(text: string, file: string, code: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((error) => {
    const pos = error.pos[0];
    const where = lineCounter.linePos(pos);
    return {
      severity: 'error',
      code,
      message: `invalid YAML: ${firstLine(error.message)}`,
      file,
      line: where.line,
      column: where.col,
    };
  });
  const lines: Record<string, number> = { '': 1 };
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const walk = (node: unknown, pointer: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${pointer}/${escapePointerSegment(key)}`;
        const line = lineOf(pair.key as Node | null) ?? lineOf(pair.value as Node | null);
        if (line !== undefined) lines[child] = line;
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const child = `${pointer}/${index}`;
        const line = lineOf(item as Node | null);
        if (line !== undefined) lines[child] = line;
        walk(item, child);
      });
    }
  };
  walk(doc.contents, '');
  const value: unknown = diagnostics.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
  return { value, lines, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
