/**
 * A finding of one check: a diagnostic before it is placed in a file. `pointer` is relative
 * to the definition; validate-definitions.ts adds the file, the document pointer and the
 * line:column. Codes are stable: tests and users match on them.
 */
import type { Diagnostic, Severity } from '../core/diagnostics.js';

export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  pointer: string;
}

export function errorAt(pointer: string, code: string, message: string): Finding {
  return { severity: 'error', code, message, pointer };
}

export function warningAt(pointer: string, code: string, message: string): Finding {
  return { severity: 'warning', code, message, pointer };
}

/** Same finding with another severity (used to soften checks where the server is lenient). */
export function withSeverity(finding: Finding, severity: Diagnostic['severity']): Finding {
  return { ...finding, severity };
}

/** Drops repeats of the same message at the same pointer (ajv reports some errors once per branch tried). */
export function dedupeByPointerAndMessage<T extends { pointer?: string; message: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.pointer}\u0000${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
