/**
 * `workflow search` as a table fitting the terminal: WORKFLOW ID is never cut (it is what
 * people copy), NAME and CORRELATION ID shrink, and on narrow screens CORRELATION ID,
 * ENDED, VER and STARTED are dropped in that order. Times are UTC `YYYY-MM-DD HH:MM:SS`. Pure.
 */
import type { JsonObject } from '../core/model.js';
import { renderCsv, renderTable, type TableColumn } from './runtime-table.js';
import type { Style } from './style.js';

export interface ExecutionsTableOptions {
  width: number;
  color: boolean;
}

export function paintStatus(value: string, style: Style): string {
  const status = value.trim();
  if (status === 'COMPLETED') return style.green(value);
  if (status === 'FAILED' || status === 'TIMED_OUT' || status === 'TERMINATED') return style.red(value);
  if (status === 'PAUSED') return style.yellow(value);
  return style.cyan(value);
}

const COLUMNS: TableColumn[] = [
  { header: 'WORKFLOW ID' },
  { header: 'NAME', flex: true, min: 8 },
  { header: 'VER', align: 'right', drop: 2 },
  { header: 'STATUS', paint: paintStatus },
  { header: 'STARTED', drop: 1 },
  { header: 'ENDED', drop: 3 },
  { header: 'CORRELATION ID', flex: true, min: 10, drop: 4 },
];

export function renderExecutionsTable(executions: readonly JsonObject[], options: ExecutionsTableOptions): string {
  if (executions.length === 0) return 'no executions found\n';
  const rows = executions.map((e) => [
    text(e['workflowId']),
    text(e['workflowType'] ?? e['workflowName']),
    text(e['version'] ?? e['workflowVersion']),
    text(e['status']),
    formatTime(e['startTime']),
    formatTime(e['endTime']),
    text(e['correlationId']),
  ]);
  return renderTable(COLUMNS, rows, options);
}

/** ISO strings (WorkflowSummary) or epoch ms (Workflow) → `YYYY-MM-DD HH:MM:SS` UTC; 0 or absent → "". */
export function formatTime(value: unknown): string {
  if (value === undefined || value === null || value === 0 || value === '') return '';
  const date = new Date(typeof value === 'number' ? value : String(value));
  if (Number.isNaN(date.getTime()) || date.getTime() <= 0) return '';
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** CSV with the official CLI's columns. */
export function renderExecutionsCsv(executions: readonly JsonObject[]): string {
  const rows = executions.map((e) => [formatTime(e['startTime']), text(e['workflowId']), text(e['workflowType'] ?? e['workflowName']), formatTime(e['endTime']), text(e['status'])]);
  return renderCsv(['START TIME', 'WORKFLOW ID', 'WORKFLOW NAME', 'END TIME', 'STATUS'], rows);
}
