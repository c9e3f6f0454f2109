/**
 * Human rendering of diagnostics, grouped by file, plus the one-line summary of `validate`.
 * Pure: returns strings; colour only when asked.
 *
 *   definitions/workflows/order.yaml
 *     12:7   error    '${x.output}': no task with taskReferenceName 'x' [REF_UNKNOWN]
 *                     at /tasks/3/inputParameters/item
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { sortDiagnostics } from '../core/diagnostics.js';
import { createStyle, type Style } from './style.js';

export interface RenderDiagnosticsOptions {
  color: boolean;
}

const SEVERITY_WIDTH = 'warning'.length;

/** All diagnostics, one block per file (files sorted); diagnostics without a file come first. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderDiagnosticsOptions): string {
  const style = createStyle(options.color);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(diagnostics)) {
    const list = byFile.get(d.file ?? '') ?? [];
    list.push(d);
    byFile.set(d.file ?? '', list);
  }
  const blocks: string[] = [];
  for (const [file, list] of byFile) {
    const width = Math.max(...list.map((d) => whereOf(d).length));
    const lines = list.map((d) => renderOne(d, width, style));
    blocks.push([...(file === '' ? [] : [style.bold(file)]), ...lines].join('\n'));
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

function renderOne(d: Diagnostic, width: number, style: Style): string {
  const severity = d.severity === 'error' ? style.red('error'.padEnd(SEVERITY_WIDTH)) : style.yellow('warning');
  const indent = width === 0 ? '  ' : `  ${' '.repeat(width)}  `;
  const head = `${width === 0 ? '  ' : `  ${whereOf(d).padEnd(width)}  `}${severity}  ${d.message} ${style.dim(`[${d.code}]`)}`;
  if (!d.pointer) return head;
  return `${head}\n${indent}${' '.repeat(SEVERITY_WIDTH)}  ${style.dim(`at ${d.pointer}`)}`;
}

function whereOf(d: Diagnostic): string {
  return d.line === undefined ? '' : `${d.line}:${d.column ?? 1}`;
}

export interface ValidationSummary {
  files: number;
  definitions: number;
  errors: number;
  warnings: number;
}

/** `✔ 7 definitions in 5 files: no problems` / `✖ 2 errors, 1 warning in 7 definitions (5 files)`. */
export function renderValidationSummary(summary: ValidationSummary, options: RenderDiagnosticsOptions): string {
  const style = createStyle(options.color);
  const definitions = plural(summary.definitions, 'definition');
  const files = plural(summary.files, 'file');
  if (summary.errors === 0 && summary.warnings === 0) return `${style.green('✔')} ${definitions} in ${files}: no problems\n`;
  const counts = [summary.errors > 0 ? plural(summary.errors, 'error') : '', summary.warnings > 0 ? plural(summary.warnings, 'warning') : '']
    .filter(Boolean)
    .join(', ');
  const mark = summary.errors > 0 ? style.red('✖') : style.yellow('⚠');
  return `${mark} ${counts} in ${definitions} (${files})\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
