/**
 * Diagnostics: problems found in user files. They are collected, never thrown one by one
 * (docs/style.md "collect diagnostics, fail once").
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. DEF_SCHEMA, REF_UNKNOWN. Tests assert on it. */
  code: string;
  message: string;
  /** Path of the file, relative to the working directory where possible. */
  file?: string;
  /** RFC 6901 JSON pointer inside the file's document ('' = the whole document). */
  pointer?: string;
  /** 1-based line and column, when known. */
  line?: number;
  column?: number;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order: file, line, column, code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** A value together with the problems met while producing it. */
export interface WithDiagnostics<T> {
  value: T;
  diagnostics: Diagnostic[];
}
