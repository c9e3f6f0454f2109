/**
 * Counts of RUNNING and PAUSED executions per workflow name and version, for the plan's
 * impact section and the in-place/prune safety checks.
 *
 * One search per chunk of names (`workflowType IN (a,b) AND status IN (RUNNING,PAUSED)`,
 * conductor-api.md §5), paged with the largest page the server allows, instead of one call
 * per version. The SQLite/Postgres index splits `IN` lists on "," without trimming, so the
 * list has no spaces; names containing characters the query grammar cannot carry are not
 * searched and are reported as unknown. Search is eventually consistent (the index may lag
 * the execution store by a moment).
 */
import type { ExecutionCounts as VersionCounts } from '../core/plan-types.js';
import type { HttpClient } from './http.js';
import { isObject } from './metadata-api.js';

export interface ExecutionCounts {
  /** By `name@version`. A version with no entry has no RUNNING or PAUSED executions. */
  byVersion: Map<string, VersionCounts>;
  /** Names whose counts could not be determined (unsearchable name or too many executions). */
  unknownNames: string[];
}

export interface CountOptions {
  pageSize?: number;
  /** Stop after this many pages per chunk; the chunk's names are then reported unknown. */
  maxPages?: number;
}

const MAX_QUERY_CHARS = 1500;
const SEARCHABLE = /^[^,()'"\s]+$/;

export function executionCountKey(name: string, version: number): string {
  return `${name}@${version}`;
}

/** Throws ConductorApiError when search itself fails; callers decide whether that is fatal. */
export async function fetchExecutionCounts(
  http: HttpClient,
  names: readonly string[],
  options: CountOptions = {},
): Promise<ExecutionCounts> {
  const counts: ExecutionCounts = { byVersion: new Map(), unknownNames: names.filter((n) => !SEARCHABLE.test(n)) };
  for (const chunk of chunkNames(names.filter((n) => SEARCHABLE.test(n)))) {
    const isComplete = await countChunk(http, chunk, counts.byVersion, options);
    if (!isComplete) counts.unknownNames.push(...chunk);
  }
  return counts;
}

async function countChunk(
  http: HttpClient,
  names: string[],
  into: Map<string, VersionCounts>,
  { pageSize = 1000, maxPages = 50 }: CountOptions,
): Promise<boolean> {
  const query = `workflowType IN (${names.join(',')}) AND status IN (RUNNING,PAUSED)`;
  for (let page = 0, seen = 0; page < maxPages; page++) {
    const { body } = await http.request('GET', '/workflow/search', {
      query: { start: seen, size: pageSize, freeText: '*', query },
    });
    const results = isObject(body) && Array.isArray(body['results']) ? body['results'] : [];
    const totalHits = isObject(body) && typeof body['totalHits'] === 'number' ? body['totalHits'] : results.length;
    for (const summary of results) addSummary(into, summary);
    seen += results.length;
    if (results.length === 0 || seen >= totalHits) return true;
  }
  return false;
}

function addSummary(into: Map<string, VersionCounts>, summary: unknown): void {
  if (!isObject(summary)) return;
  const { workflowType: name, version, status } = summary;
  if (typeof name !== 'string' || typeof version !== 'number') return;
  const key = executionCountKey(name, version);
  const count = into.get(key) ?? { RUNNING: 0, PAUSED: 0 };
  if (status === 'RUNNING') count.RUNNING++;
  else if (status === 'PAUSED') count.PAUSED++;
  else return; // an index that ignored the status filter
  into.set(key, count);
}

function chunkNames(names: string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const name of [...new Set(names)].sort()) {
    if (current.length > 0 && length + name.length + 1 > MAX_QUERY_CHARS) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(name);
    length += name.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
