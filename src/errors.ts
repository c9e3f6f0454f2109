/**
 * Error classes shared by every module. Each error carries a stable `code` that tests assert
 * on; the CLI maps classes to exit codes in cli/exit-codes.ts. Messages must never contain
 * secrets: callers pass already-masked values.
 */
import type { Diagnostic } from './core/diagnostics.js';

export interface CliErrorOptions {
  hint?: string;
  cause?: unknown;
}

export class CliError extends Error {
  readonly code: string;
  readonly hint?: string;

  constructor(code: string, message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** A bad flag, argument or environment name (exit 4). */
export class UsageError extends CliError {
  constructor(message: string, options: CliErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'USAGE', message, options);
  }
}

/** Definitions or an environment failed schema or semantic checks (exit 3). */
export class ValidationError extends CliError {
  readonly diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[], options: CliErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'VALIDATION', message, options);
    this.diagnostics = diagnostics;
  }
}

export interface ConductorApiErrorDetails {
  method: string;
  url: string;
  /** HTTP status, or undefined when no response arrived (connection refused, timeout). */
  status?: number;
  /** The server's message, or an excerpt of its body. */
  serverMessage?: string;
  /** Parsed JSON error body, when there was one. */
  body?: unknown;
}

/** A Conductor server call failed or could not be made (exit 1). */
export class ConductorApiError extends CliError {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly body?: unknown;
  constructor(message: string, details: ConductorApiErrorDetails, options: CliErrorOptions & { code?: string } = {}) {
    super(options.code ?? (details.status === undefined ? 'API_UNREACHABLE' : `API_${details.status}`), message, options);
    this.method = details.method;
    this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
    if (details.serverMessage !== undefined) this.serverMessage = details.serverMessage;
    if (details.body !== undefined) this.body = details.body;
  }
}

/** An apply finished with failed changes (exit 1). */
export class ApplyFailedError extends CliError {
  readonly result: unknown;
  constructor(message: string, result: unknown, options: CliErrorOptions = {}) {
    super('APPLY_FAILED', message, options);
    this.result = result;
  }
}

/** A saved plan no longer matches the server (exit 1). */
export class StalePlanError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super('STALE_PLAN', message, options);
  }
}

/** The user declined, or confirmation was impossible (exit 5). */
export class AbortError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super('ABORTED', message, options);
  }
}

/** A bug: something that should never happen (exit 1, asks for a report). */
export class InternalError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super('INTERNAL', message, options);
  }
}
