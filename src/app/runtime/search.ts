/** `workflow search`: one page of WorkflowSummary, newest first. */
import type { JsonObject } from '../../core/model.js';
import { UsageError } from '../../errors.js';
import { fetchWorkflowSearch } from '../../conductor/workflow-api.js';
import type { RuntimeClient } from './client.js';
import { buildSearchQuery, type SearchFilter } from './search-query.js';

export const SEARCH_MAX_COUNT = 1000;

export interface SearchExecutionsOptions extends SearchFilter {
  /** 1..1000, default 10. */
  count?: number;
  freeText?: string;
}

export interface SearchExecutionsResult {
  query: string;
  totalHits: number;
  /** WorkflowSummary objects as the server sent them (each has `workflowId`). */
  executions: JsonObject[];
}

export async function searchExecutions(client: RuntimeClient, options: SearchExecutionsOptions): Promise<SearchExecutionsResult> {
  const count = options.count ?? 10;
  if (!Number.isInteger(count) || count < 1 || count > SEARCH_MAX_COUNT) {
    throw new UsageError(`--count must be between 1 and ${SEARCH_MAX_COUNT}, got ${count}`, { code: 'COUNT_INVALID' });
  }
  const query = buildSearchQuery(options);
  const answer = await fetchWorkflowSearch(client, {
    query,
    size: count,
    sort: 'startTime:DESC',
    freeText: options.freeText && options.freeText !== '' ? options.freeText : '*',
  });
  return { query, totalHits: answer.totalHits, executions: answer.results.slice(0, count) };
}
