/**
 * Views of an apply: one line per finished change, the live progress line shown on a
 * terminal, the closing summary, and the JSON document of `apply --json`. Pure: the cli
 * decides where (stderr for progress, stdout for the result) and whether to colour.
 * The report type is structural, so render does not depend on app.
 */
import { keyId } from '../core/model.js';
import type { Change } from '../core/plan-types.js';
import { createStyle } from './style.js';

export interface ApplyReportView {
  applied: Change[];
  failed: { change: Change; error: { message: string } }[];
  skipped: { change: Change; blockedBy: string[] }[];
  durationMs: number;
  serverUrl: string;
  recordWritten?: boolean;
}

export interface ApplyTextOptions {
  color: boolean;
}

export type ChangeOutcome = 'applied' | 'failed' | 'skipped';

const PAST: Record<Change['action'], string> = { create: 'created', update: 'updated', delete: 'deleted', 'no-op': 'unchanged' };

/** `  + created workflowDef/order@2 (120 ms)`, `  ✗ failed …: message`, `  ! skipped …: needs …`. */
export function renderChangeLine(change: Change, outcome: ChangeOutcome, detail: { message?: string; durationMs?: number }, options: ApplyTextOptions): string {
  const style = createStyle(options.color);
  const id = keyId(change.key);
  if (outcome === 'applied') {
    const symbol = change.action === 'delete' ? style.red('-') : change.action === 'create' ? style.green('+') : style.yellow('~');
    const took = detail.durationMs === undefined ? '' : style.dim(` (${formatDuration(detail.durationMs)})`);
    return `  ${symbol} ${PAST[change.action]} ${id}${took}\n`;
  }
  if (outcome === 'failed') return `  ${style.red('✗')} ${style.red('failed')} to ${change.action} ${id}: ${firstLine(detail.message ?? 'unknown error')}\n`;
  return `  ${style.yellow('!')} skipped ${change.action} of ${id}: ${detail.message ?? 'a change it needs failed'}\n`;
}

/** `Applying level 2/3: 14 of 40 done, 1 failed` (no newline: the caller rewrites it in place). */
export function renderProgressLine(
  progress: { level: number; levels: number; done: number; total: number; failed: number; skipped: number },
  width: number,
): string {
  const failed = progress.failed > 0 ? `, ${progress.failed} failed` : '';
  const skipped = progress.skipped > 0 ? `, ${progress.skipped} skipped` : '';
  const text = `Applying level ${progress.level}/${progress.levels}: ${progress.done} of ${progress.total} done${failed}${skipped}`;
  return text.length > width - 1 ? text.slice(0, Math.max(0, width - 2)) + '…' : text;
}

/** The closing block: counts, then every failure and skip again so they are not lost in the log. */
export function renderApplySummary(report: ApplyReportView, options: ApplyTextOptions): string {
  const style = createStyle(options.color);
  const counts = `${report.applied.length} applied, ${report.failed.length} failed, ${report.skipped.length} skipped`;
  const took = formatDuration(report.durationMs);
  if (report.applied.length + report.failed.length + report.skipped.length === 0) {
    return `No changes. ${report.serverUrl} already matches the repo.\n`;
  }
  const lines: string[] = [];
  if (report.failed.length === 0 && report.skipped.length === 0) {
    lines.push(style.green(`Apply complete: ${counts} in ${took}.`));
  } else {
    lines.push(style.red(`Apply incomplete: ${counts} in ${took}.`));
    for (const { change, error } of report.failed) lines.push(`  ${style.red('✗')} ${keyId(change.key)}: ${error.message.replace(/\n/g, '\n    ')}`);
    for (const { change, blockedBy } of report.skipped) lines.push(`  ${style.yellow('!')} ${keyId(change.key)}: not attempted, needs ${blockedBy.join(', ')}`);
    lines.push('Every step is idempotent: fix the cause and run apply again to converge.');
  }
  return `${lines.join('\n')}\n`;
}

/** The `apply --json` document (plan is added by the caller when wanted). */
export function buildApplyJson(report: ApplyReportView): Record<string, unknown> {
  const ref = (change: Change) => ({ key: keyId(change.key), action: change.action, reason: change.reason });
  return {
    serverUrl: report.serverUrl,
    durationMs: report.durationMs,
    summary: { applied: report.applied.length, failed: report.failed.length, skipped: report.skipped.length },
    applied: report.applied.map(ref),
    failed: report.failed.map(({ change, error }) => ({ ...ref(change), error: error.message })),
    skipped: report.skipped.map(({ change, blockedBy }) => ({ ...ref(change), blockedBy })),
  };
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
