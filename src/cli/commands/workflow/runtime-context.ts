/**
 * What every runtime command (workflow, task, worker) shares: the connection from the
 * global flags (resolveCliTarget → app connectRuntime), JSON output, and flag parsers.
 * app/ is imported lazily so registering commands costs nothing at start-up.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { RuntimeClient } from '../../../app/runtime/client.js';
import type { CommandContext, GlobalOptions } from '../../context.js';
import { resolveCliTarget } from '../config.js';

export type { RuntimeClient };

/** Resolves the target of the global flags and opens the HTTP client for it. */
export async function openClient(ctx: CommandContext, command: Command): Promise<RuntimeClient> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  // Independent, so the client module loads while the target resolves.
  const [target, { connectRuntime }] = await Promise.all([resolveCliTarget(ctx, globals), import('../../../app/runtime/client.js')]);
  return connectRuntime({ target, env: ctx.io.env, onWarning: (message) => ctx.io.err(`warning: ${message}\n`) });
}

export function writeJson(ctx: CommandContext, value: unknown): void {
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** commander argParser: a whole number ≥ `min`. */
export function intArg(min: number): (value: string) => number {
  return (value: string) => {
    if (!/^-?\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return Number(value);
  };
}

/** commander argParser for repeatable flags. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
