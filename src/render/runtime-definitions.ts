/**
 * `task list` and `workflow list`: tables fitting the terminal, and CSV with the official
 * CLI's columns. Pure.
 */
import type { JsonObject } from '../core/model.js';
import { renderCsv, renderTable, type TableColumn } from './runtime-table.js';

export interface ListOptions {
  width: number;
  color: boolean;
}

const TASK_HEADER = ['NAME', 'EXECUTABLE', 'DESCRIPTION', 'OWNER', 'TIMEOUT POLICY', 'TIMEOUT (s)', 'RETRY COUNT', 'RESPONSE TIMEOUT (s)'];
const WORKFLOW_HEADER = ['NAME', 'VERSION', 'DESCRIPTION'];

function taskRow(def: JsonObject): string[] {
  return [
    text(def['name']),
    def['executable'] === false ? 'false' : 'true',
    text(def['description']),
    text(def['ownerEmail']),
    text(def['timeoutPolicy']),
    text(def['timeoutSeconds']),
    text(def['retryCount']),
    text(def['responseTimeoutSeconds']),
  ];
}

function workflowRow(def: JsonObject): string[] {
  return [text(def['name']), text(def['version'] ?? 1), text(def['description'])];
}

export function renderTaskDefTable(defs: readonly JsonObject[], options: ListOptions): string {
  if (defs.length === 0) return 'no task definitions\n';
  const columns: TableColumn[] = [
    { header: 'NAME' },
    { header: 'RETRIES', align: 'right' },
    { header: 'TIMEOUT (s)', align: 'right', drop: 2 },
    { header: 'RESPONSE (s)', align: 'right', drop: 3 },
    { header: 'OWNER', flex: true, min: 8, drop: 1 },
    { header: 'DESCRIPTION', flex: true, min: 12, drop: 4 },
  ];
  const rows = defs.map((d) => [text(d['name']), text(d['retryCount']), text(d['timeoutSeconds']), text(d['responseTimeoutSeconds']), text(d['ownerEmail']), text(d['description'])]);
  return renderTable(columns, rows, options);
}

export function renderWorkflowDefTable(defs: readonly JsonObject[], options: ListOptions): string {
  if (defs.length === 0) return 'no workflow definitions\n';
  const columns: TableColumn[] = [
    { header: 'NAME', flex: true, min: 12 },
    { header: 'VERSION', align: 'right' },
    { header: 'TASKS', align: 'right', drop: 2 },
    { header: 'DESCRIPTION', flex: true, min: 12, drop: 1 },
  ];
  const rows = defs.map((d) => [text(d['name']), text(d['version'] ?? 1), text(Array.isArray(d['tasks']) ? d['tasks'].length : 0), text(d['description'])]);
  return renderTable(columns, rows, options);
}

export function renderTaskDefCsv(defs: readonly JsonObject[]): string {
  return renderCsv(TASK_HEADER, defs.map(taskRow));
}

export function renderWorkflowDefCsv(defs: readonly JsonObject[]): string {
  return renderCsv(WORKFLOW_HEADER, defs.map(workflowRow));
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}
