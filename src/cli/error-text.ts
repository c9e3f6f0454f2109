/** Turns any thrown value into the one-paragraph message users see (no stack unless --debug). */
import { AbortError, CliError, InternalError, ValidationError } from '../errors.js';
import { renderDiagnostics } from '../render/diagnostics-text.js';
import { createStyle } from '../render/style.js';

export interface FormatErrorOptions {
  debug: boolean;
  color: boolean;
}

export function formatError(error: unknown, options: FormatErrorOptions): string {
  const style = createStyle(options.color);
  const lines: string[] = [];
  if (error instanceof AbortError) {
    lines.push(error.message);
  } else if (error instanceof CliError) {
    if (error instanceof ValidationError && error.diagnostics.length > 0) {
      lines.push(renderDiagnostics(error.diagnostics, { color: options.color }));
    }
    lines.push(`${style.red('error')}: ${error.message}`);
    if (error.hint) lines.push(`${style.dim('hint')}: ${error.hint}`);
    const root = rootCause(error);
    // A cause whose text the message already carries adds nothing but noise.
    if (root && root !== error && !error.message.includes(root.message)) {
      lines.push(`${style.dim('cause')}: ${root.message}`);
    }
    if (error instanceof InternalError) lines.push('This is a bug in conductor-gitops; please report it with the command you ran.');
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`${style.red('error')}: unexpected failure: ${message}`);
    lines.push('This is a bug in conductor-gitops; please report it with the command you ran (add --debug for details).');
  }
  if (options.debug && error instanceof Error) {
    lines.push(style.dim(error.stack ?? ''));
    let cause: unknown = error.cause;
    while (cause instanceof Error) {
      lines.push(style.dim(`caused by: ${cause.stack ?? cause.message}`));
      cause = cause.cause;
    }
  }
  return `${lines.join('\n')}\n`;
}

function rootCause(error: Error): Error | undefined {
  let current: unknown = error.cause;
  let last: Error | undefined;
  while (current instanceof Error) {
    last = current;
    current = current.cause;
  }
  return last;
}
