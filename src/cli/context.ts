/** What every command receives: the terminal, the clock, and a place for its exit code. */
import type { Io } from './io.js';

export interface GlobalOptions {
  profile?: string;
  server?: string;
  authKey?: string;
  authSecret?: string;
  authToken?: string;
  serverType?: string;
  config?: string;
  verbose?: boolean;
  yes?: boolean;
  json?: boolean;
  /** false when --no-color was given. */
  color: boolean;
  debug?: boolean;
}

export interface CommandContext {
  io: Io;
  now: () => Date;
  /** A command sets this to report its result (0 = success); cli/main.ts applies it. */
  exitCode: number;
}
