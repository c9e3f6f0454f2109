/**
 * Progress of plan and apply, sent to the `events` callback the caller passes in (the cli
 * writes them to stderr; a library user may ignore them). Plain data, no rendering.
 */
import type { Change } from '../core/plan-types.js';

export type ReconcileEvent =
  /** A step began: reading the repo, reading the server, counting executions… */
  | { type: 'step'; message: string }
  | { type: 'warning'; message: string }
  /** Apply: a dependency level starts (1-based index). */
  | { type: 'level'; index: number; total: number; changes: number }
  | { type: 'change-start'; change: Change }
  | { type: 'change-done'; change: Change; outcome: 'applied' | 'failed' | 'skipped'; message?: string; durationMs?: number };

export type EventSink = (event: ReconcileEvent) => void;

export const ignoreEvents: EventSink = () => undefined;
