/**
 * Recovery actions over one or many executions: retry, restart, terminate, pause, resume.
 * One id uses the single-execution endpoint (its errors carry the server's status); several
 * use /workflow/bulk/* in chunks of 1000. Every id gets a result, and the caller exits 1 if
 * any failed (the official CLI's retry exits 0 on failure; issue 6).
 */
import { ConductorApiError } from '../../errors.js';
import { BULK_MAX_IDS, sendBulkAction, type BulkAction } from '../../conductor/workflow-api-bulk.js';
import {
  deleteRunningExecution,
  postRestartExecution,
  postRetryExecution,
  putPauseExecution,
  putResumeExecution,
} from '../../conductor/workflow-api-ops.js';
import type { RuntimeClient } from './client.js';
import { notFound } from './executions.js';

export type RecoveryAction = BulkAction;

export interface RecoveryOptions {
  action: RecoveryAction;
  ids: readonly string[];
  /** restart */
  useLatestDefinitions?: boolean;
  /** retry; the bulk endpoint cannot carry it, so several ids are then retried one by one */
  resumeSubworkflowTasks?: boolean;
  /** terminate */
  reason?: string;
  /** Called after each chunk or single call, for progress. */
  onProgress?: (done: number, total: number) => void;
}

export interface RecoveryItem {
  workflowId: string;
  ok: boolean;
  error?: string;
}

export interface RecoveryResult {
  action: RecoveryAction;
  results: RecoveryItem[];
  failed: number;
}

export async function recoverExecutions(client: RuntimeClient, options: RecoveryOptions): Promise<RecoveryResult> {
  const ids = [...new Set(options.ids)];
  const useSingle = ids.length === 1 || (options.action === 'retry' && options.resumeSubworkflowTasks === true);
  const results = useSingle ? await runOneByOne(client, options, ids) : await runInChunks(client, options, ids);
  return { action: options.action, results, failed: results.filter((r) => !r.ok).length };
}

async function runOneByOne(client: RuntimeClient, options: RecoveryOptions, ids: string[]): Promise<RecoveryItem[]> {
  const results: RecoveryItem[] = [];
  for (const id of ids) {
    try {
      await runSingle(client, options, id);
      results.push({ workflowId: id, ok: true });
    } catch (error) {
      if (!(error instanceof ConductorApiError) || error.status === undefined) throw error; // unreachable server: stop
      results.push({ workflowId: id, ok: false, error: error.status === 404 ? notFound(id) : (error.serverMessage ?? error.message) });
    }
    options.onProgress?.(results.length, ids.length);
  }
  return results;
}

function runSingle(client: RuntimeClient, options: RecoveryOptions, id: string): Promise<void> {
  switch (options.action) {
    case 'retry':
      return postRetryExecution(client, id, options.resumeSubworkflowTasks ?? false);
    case 'restart':
      return postRestartExecution(client, id, options.useLatestDefinitions ?? false);
    case 'terminate':
      return deleteRunningExecution(client, id, options.reason);
    case 'pause':
      return putPauseExecution(client, id);
    case 'resume':
      return putResumeExecution(client, id);
  }
}

async function runInChunks(client: RuntimeClient, options: RecoveryOptions, ids: string[]): Promise<RecoveryItem[]> {
  const query =
    options.action === 'restart'
      ? { useLatestDefinitions: options.useLatestDefinitions ?? false }
      : options.action === 'terminate'
        ? { reason: options.reason }
        : {};
  const results: RecoveryItem[] = [];
  for (let i = 0; i < ids.length; i += BULK_MAX_IDS) {
    const chunk = ids.slice(i, i + BULK_MAX_IDS);
    const answer = await sendBulkAction(client, options.action, chunk, query);
    for (const id of chunk) {
      const error = answer.failed.get(id);
      results.push(error === undefined ? { workflowId: id, ok: true } : { workflowId: id, ok: false, error });
    }
    options.onProgress?.(results.length, ids.length);
  }
  return results;
}
