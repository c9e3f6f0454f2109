/**
 * A minimal structured logger. The server logs one line per event; the CLI's foreground
 * mode passes `createLineLogger(process.stderr)` so the log file of a background server
 * gets them. In-process starts (tests) default to `silentLogger`.
 */

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** `2026-01-02T03:04:05.678Z INFO message {"field":1}` lines. */
export function createLineLogger(write: (line: string) => void, now: () => number = Date.now): Logger {
  const log = (level: string) => (message: string, fields?: LogFields): void => {
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    write(`${new Date(now()).toISOString()} ${level} ${message}${extra}\n`);
  };
  return { info: log('INFO'), warn: log('WARN'), error: log('ERROR') };
}
