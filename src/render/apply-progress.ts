/**
 * Turns apply events into what the terminal shows: finished-change lines (kept in the log)
 * and, on a TTY, one live status line that the cli rewrites in place. Holds counters only;
 * writes nothing. The event type is structural, so render does not depend on app.
 */
import type { Change } from '../core/plan-types.js';
import { renderChangeLine, renderProgressLine, type ChangeOutcome } from './apply-text.js';

export type ApplyProgressEvent =
  | { type: 'step'; message: string }
  | { type: 'warning'; message: string }
  | { type: 'level'; index: number; total: number; changes: number }
  | { type: 'change-start'; change: Change }
  | { type: 'change-done'; change: Change; outcome: ChangeOutcome; message?: string; durationMs?: number };

export interface ProgressOutput {
  /** Lines to keep (each ends with a newline). */
  lines: string[];
  /** The live status line, when it should be (re)drawn; undefined = unchanged. */
  live?: string;
}

export interface ProgressOptions {
  color: boolean;
  width: number;
  /** Plain logs (not a TTY) get a line per level instead of a live line. */
  isLive: boolean;
}

export function createApplyProgress(total: number, options: ProgressOptions): { handle(event: ApplyProgressEvent): ProgressOutput } {
  const state = { level: 0, levels: 0, done: 0, failed: 0, skipped: 0 };
  const live = () => renderProgressLine({ ...state, total }, options.width);
  return {
    handle(event) {
      switch (event.type) {
        case 'step':
          return { lines: [`${event.message}…\n`] };
        case 'warning':
          return { lines: [`warning: ${event.message}\n`] };
        case 'level':
          state.level = event.index;
          state.levels = event.total;
          return options.isLive ? { lines: [], live: live() } : { lines: [`Level ${event.index}/${event.total}: ${event.changes} change${event.changes === 1 ? '' : 's'}\n`] };
        case 'change-start':
          return { lines: [] };
        case 'change-done': {
          state.done++;
          if (event.outcome === 'failed') state.failed++;
          if (event.outcome === 'skipped') state.skipped++;
          const detail = { ...(event.message ? { message: event.message } : {}), ...(event.durationMs !== undefined ? { durationMs: event.durationMs } : {}) };
          const line = renderChangeLine(event.change, event.outcome, detail, options);
          return options.isLive ? { lines: [line], live: live() } : { lines: [line] };
        }
      }
    },
  };
}
