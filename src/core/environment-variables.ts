/**
 * Environment variables substituted into definitions: `((name))`.
 *
 * Why this syntax: Conductor evaluates `${workflow.input.x}` itself at run time, and `{{x}}`
 * is common in prompts and templates, so neither may be touched. `((name))` (the syntax of
 * Concourse CI's credential variables) appears in no file of our definition corpus; a name is
 * restricted to identifier characters, so JavaScript or jq text such as `((a + b))` or
 * `((.x | tojson))` never matches.
 *
 * Rules:
 * - `((name))`, name = `[A-Za-z_][A-Za-z0-9_]*`, no spaces. Only string values are scanned,
 *   never object keys.
 * - A string that is exactly one reference takes the variable's value with its type
 *   (`retryCount: ((retries))` becomes a number); inside a longer string the value is
 *   converted to text.
 * - `\((name))` is the escape: it yields the literal text `((name))`. (In a YAML
 *   double-quoted string or in JSON the backslash itself is written `\\`.)
 * - Substituted values are not scanned again.
 */
import type { VariableValue } from './environment.js';
import { escapePointerSegment } from './environment.js';

/** Matches one reference, with its optional escaping backslash in group 1 and the name in group 2. */
export const VARIABLE_REFERENCE = /(\\?)\(\(([A-Za-z_][A-Za-z0-9_]*)\)\)/g;

export interface VariableReference {
  name: string;
  /** True for the escaped form `\((name))`, which is not substituted. */
  isEscaped: boolean;
  index: number;
}

/** Every reference in a text, escaped ones included. */
export function findVariableReferences(text: string): VariableReference[] {
  const found: VariableReference[] = [];
  for (const match of text.matchAll(VARIABLE_REFERENCE)) {
    found.push({ name: match[2]!, isEscaped: match[1] === '\\', index: match.index });
  }
  return found;
}

/** A reference to a variable that is not defined, at a JSON pointer relative to the value. */
export interface UndefinedVariable {
  name: string;
  pointer: string;
}

export interface SubstituteResult<T> {
  value: T;
  undefinedVariables: UndefinedVariable[];
  /** Names that were substituted at least once. */
  usedVariables: Set<string>;
}

/** Returns a deep copy of `value` with every reference replaced; never mutates the input. */
export function substituteVariables<T>(value: T, variables: Readonly<Record<string, VariableValue>>): SubstituteResult<T> {
  const undefinedVariables: UndefinedVariable[] = [];
  const usedVariables = new Set<string>();
  const walk = (node: unknown, pointer: string): unknown => {
    if (typeof node === 'string') return substituteString(node, pointer);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${pointer}/${i}`));
    if (node !== null && typeof node === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) copy[key] = walk(child, `${pointer}/${escapePointerSegment(key)}`);
      return copy;
    }
    return node;
  };
  const lookup = (name: string, pointer: string): VariableValue | undefined => {
    if (!Object.hasOwn(variables, name)) {
      undefinedVariables.push({ name, pointer });
      return undefined;
    }
    usedVariables.add(name);
    return variables[name];
  };
  const substituteString = (text: string, pointer: string): unknown => {
    const whole = /^\(\(([A-Za-z_][A-Za-z0-9_]*)\)\)$/.exec(text);
    if (whole) return lookup(whole[1]!, pointer) ?? text;
    return text.replace(VARIABLE_REFERENCE, (match, escape: string, name: string) => {
      if (escape === '\\') return match.slice(1);
      const replacement = lookup(name, pointer);
      return replacement === undefined ? match : String(replacement);
    });
  };
  return { value: walk(value, '') as T, undefinedVariables, usedVariables };
}
