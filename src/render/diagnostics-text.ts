/** Human rendering of diagnostics, grouped by file. Pure: returns a string. */
import type { Diagnostic } from '../core/diagnostics.js';
import { sortDiagnostics } from '../core/diagnostics.js';
import { createStyle } from './style.js';

export interface RenderDiagnosticsOptions {
  color: boolean;
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderDiagnosticsOptions): string {
  const style = createStyle(options.color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(diagnostics)) {
    const file = d.file ?? '(no file)';
    const list = byFile.get(file) ?? [];
    list.push(d);
    byFile.set(file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(style.bold(file));
    for (const d of list) {
      const where = d.line === undefined ? '' : `${d.line}:${d.column ?? 1}`;
      const severity = d.severity === 'error' ? style.red('error') : style.yellow('warning');
      const pointer = d.pointer ? style.dim(` (${d.pointer})`) : '';
      lines.push(`  ${where.padEnd(8)} ${severity} ${d.message}${pointer} ${style.dim(`[${d.code}]`)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
