/**
 * `/api/workflow/bulk/*` (conductor-api.md §3.3): at most 1000 ids per call; the answer is
 * always 200 with per-id failures in `bulkErrorResults`. Chunking is the caller's job.
 */
import type { HttpClient, HttpMethod } from './http.js';
import { isObject } from './metadata-api.js';
import type { QueryValue } from './url.js';

export type BulkAction = 'pause' | 'resume' | 'restart' | 'retry' | 'terminate';

export const BULK_MAX_IDS = 1000;

const METHODS: Record<BulkAction, HttpMethod> = { pause: 'PUT', resume: 'PUT', restart: 'POST', retry: 'POST', terminate: 'POST' };

export interface BulkAnswer {
  succeeded: string[];
  /** Failed id → the server's message. */
  failed: Map<string, string>;
}

/** One bulk call for ≤ 1000 ids. */
export async function sendBulkAction(
  http: HttpClient,
  action: BulkAction,
  ids: readonly string[],
  query: Record<string, QueryValue> = {},
): Promise<BulkAnswer> {
  const { body } = await http.request(METHODS[action], `/workflow/bulk/${action}`, { body: ids, query });
  const failed = new Map<string, string>();
  const errors = isObject(body) ? body['bulkErrorResults'] : undefined;
  if (isObject(errors)) for (const [id, message] of Object.entries(errors)) failed.set(id, String(message));
  const ok = isObject(body) && Array.isArray(body['bulkSuccessfulResults']) ? body['bulkSuccessfulResults'].map(String) : [];
  return { succeeded: ok, failed };
}
