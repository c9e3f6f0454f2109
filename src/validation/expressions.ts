/**
 * Finds `${...}` parameter expressions in strings the way the server's ParametersUtils does:
 * balanced braces, `$${` escapes a literal `${`, expressions may nest
 * (`${workflow.input.${workflow.input.key}}`). Pure.
 */
import { joinPointer } from './pointer.js';

/** A parsed expression path and what it refers to. */
export interface ExpressionRef {
  /** The text between `${` and `}`, trimmed. */
  path: string;
  /** First path segment (`workflow`, a task reference, `CPEWF_TASK_ID`), or undefined when dynamic. */
  root: string | undefined;
  /** Second segment for `workflow.*` paths (`input`, `variables`, …). */
  field: string | undefined;
}

/** Every expression in `text`, outer ones first, nested ones after their outer expression. */
export function extractExpressions(text: string): ExpressionRef[] {
  const found: ExpressionRef[] = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start === -1) break;
    if (start > 0 && text[start - 1] === '$') {
      i = start + 2;
      continue;
    }
    const end = matchingBrace(text, start + 1);
    if (end === -1) break;
    const inner = text.slice(start + 2, end);
    found.push(parsePath(inner.trim()));
    found.push(...extractExpressions(inner));
    i = end + 1;
  }
  return found;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Root and field come from the static text before any nested `${`; a cut-off segment is unknown. */
function parsePath(path: string): ExpressionRef {
  const dynamicAt = path.indexOf('${');
  const fixed = (dynamicAt === -1 ? path : path.slice(0, dynamicAt)).replace(/^\$\./, '');
  const segments = fixed.split(/[.[\]'"]+/);
  // With a nested expression, the last static segment may continue inside it: drop it.
  const complete = (dynamicAt === -1 ? segments : segments.slice(0, -1)).filter((s) => s !== '');
  const root = complete[0];
  return { path, root, field: root === 'workflow' ? complete[1] : undefined };
}

/** Calls `visit` for every string inside `value` (objects and arrays at any depth). */
export function walkStrings(value: unknown, pointer: string, visit: (text: string, pointer: string) => void): void {
  if (typeof value === 'string') {
    visit(value, pointer);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walkStrings(item, joinPointer(pointer, index), visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) walkStrings(item, joinPointer(pointer, key), visit);
  }
}

/** Top-level names a script reads from `$` (the task input): `$.name`, `$['name']`, `$["name"]`. */
export function dollarNames(script: string): string[] {
  const names: string[] = [];
  for (const match of script.matchAll(/\$(?:\.([A-Za-z_$][\w$]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) {
    const name = match[1] ?? match[2];
    if (name !== undefined) names.push(name);
  }
  return names;
}
