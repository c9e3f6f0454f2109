/** Per-id results of `workflow retry|restart|terminate|pause|resume`. Pure. */
import { createStyle } from './style.js';

export interface RecoveryLine {
  workflowId: string;
  ok: boolean;
  error?: string;
}

const PAST: Record<string, string> = {
  retry: 'retried',
  restart: 'restarted',
  terminate: 'terminated',
  pause: 'paused',
  resume: 'resumed',
};

/** One line per id: `<id>  retried` or `<id>  FAILED: <message>`, then a summary when there are several. */
export function renderRecoveryResults(action: string, results: readonly RecoveryLine[], options: { color: boolean }): string {
  const style = createStyle(options.color);
  const lines = results.map((r) => `${r.workflowId}  ${r.ok ? style.green(PAST[action] ?? action) : style.red(`FAILED: ${r.error ?? 'unknown error'}`)}`);
  const failed = results.filter((r) => !r.ok).length;
  if (results.length > 1) lines.push(`${results.length - failed} of ${results.length} ${PAST[action] ?? action}${failed > 0 ? `, ${failed} failed` : ''}`);
  return lines.map((l) => `${l}\n`).join('');
}
