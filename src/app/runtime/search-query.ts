/**
 * Builds the `query` of GET /workflow/search exactly as the official CLI does:
 * `workflowType IN (N) AND status IN (S1,S2) AND startTime>ms AND startTime<ms`, joined
 * with " AND ", no spaces inside IN lists (the SQLite/Postgres index splits on "," without
 * trimming, conductor-api.md §5) and none around > and <. Pure.
 */
import { UsageError } from '../../errors.js';

export const EXECUTION_STATUSES = ['RUNNING', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'TERMINATED', 'PAUSED'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export interface SearchFilter {
  workflowNames?: string[];
  statuses?: string[];
  correlationId?: string;
  /** Epoch ms. */
  startTimeAfter?: number;
  startTimeBefore?: number;
}

const UNSAFE = /[,()'"]|\s/;

export function buildSearchQuery(filter: SearchFilter): string {
  const parts: string[] = [];
  const names = (filter.workflowNames ?? []).filter((n) => n !== '');
  for (const name of names) {
    if (UNSAFE.test(name)) throw new UsageError(`workflow name "${name}" cannot be searched: the query grammar cannot carry spaces, quotes, commas or parentheses`);
  }
  if (names.length > 0) parts.push(`workflowType IN (${names.join(',')})`);
  const statuses = normalizeStatuses(filter.statuses ?? []);
  if (statuses.length > 0) parts.push(`status IN (${statuses.join(',')})`);
  if (filter.correlationId !== undefined && filter.correlationId !== '') {
    if (/['"]/.test(filter.correlationId)) throw new UsageError('a correlation id with quotes cannot be searched');
    parts.push(`correlationId='${filter.correlationId}'`);
  }
  if (filter.startTimeAfter !== undefined) parts.push(`startTime>${filter.startTimeAfter}`);
  if (filter.startTimeBefore !== undefined) parts.push(`startTime<${filter.startTimeBefore}`);
  return parts.join(' AND ');
}

/** Upper-cases, splits "A,B", removes duplicates; throws UsageError for an unknown status. */
export function normalizeStatuses(values: readonly string[]): ExecutionStatus[] {
  const out: ExecutionStatus[] = [];
  for (const raw of values.flatMap((v) => v.split(','))) {
    const status = raw.trim().toUpperCase();
    if (status === '') continue;
    if (!(EXECUTION_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`unknown status "${raw.trim()}": use ${EXECUTION_STATUSES.join(', ')}`, { code: 'STATUS_INVALID' });
    }
    if (!out.includes(status as ExecutionStatus)) out.push(status as ExecutionStatus);
  }
  return out;
}
