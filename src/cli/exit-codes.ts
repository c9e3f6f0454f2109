/** Exit codes (docs/style.md "Errors and exit codes"). Only cli/main.ts applies them. */
import {
  AbortError,
  ApplyFailedError,
  CliError,
  ConductorApiError,
  StalePlanError,
  UsageError,
  ValidationError,
} from '../errors.js';

export const ExitCode = {
  ok: 0,
  failure: 1,
  changesPresent: 2,
  invalid: 3,
  usage: 4,
  aborted: 5,
  interrupted: 130,
} as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof ValidationError) return ExitCode.invalid;
  if (error instanceof UsageError) return ExitCode.usage;
  if (error instanceof AbortError) return ExitCode.aborted;
  if (error instanceof ConductorApiError || error instanceof ApplyFailedError || error instanceof StalePlanError) {
    return ExitCode.failure;
  }
  if (error instanceof CliError) return ExitCode.failure;
  return ExitCode.failure;
}
