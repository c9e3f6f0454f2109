/**
 * `conductor version bump [--profile P | --since <git ref>]`: raise the `version` of changed
 * workflows in their files, keeping comments and formatting.
 */
import { homedir } from 'node:os';
import type { Command } from 'commander';
import type { CommandContext, GlobalOptions } from '../context.js';

type Options = GlobalOptions & { since?: string; dryRun?: boolean };

export function registerVersion(program: Command, ctx: CommandContext): void {
  const version = program.command('version').description('workflow version numbers in the repo');
  version
    .command('bump')
    .description("raise the version of each workflow whose content changed, compared with the server's latest (--profile) or a git ref (--since)")
    .option('--since <ref>', 'compare with the files at this git ref instead of the server')
    .option('--dry-run', 'show what would change without writing')
    .option('--json', 'print the result as JSON')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      const target = options.since === undefined ? await (await import('./config.js')).resolveCliTarget(ctx, options) : undefined;
      const { bumpVersions } = await import('../../app/version-bump.js');
      const { createEventWriter } = await import('./apply.js');
      const result = await bumpVersions({
        cwd: ctx.io.cwd,
        env: ctx.io.env,
        homeDir: homedir(),
        flags: options,
        ...(target ? { target } : {}),
        ...(options.since !== undefined ? { since: options.since } : {}),
        dryRun: options.dryRun ?? false,
        events: createEventWriter(ctx),
      });
      if (options.json) {
        ctx.io.out(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      for (const bump of result.bumps) ctx.io.out(`${bump.file}: ${bump.name} ${bump.from} → ${bump.to} (${result.reference} has ${bump.comparedWith})\n`);
      const verb = options.dryRun ? 'would raise' : 'raised';
      ctx.io.out(result.bumps.length === 0 ? `No workflow changed relative to ${result.reference}.\n` : `${verb} ${result.bumps.length} version${result.bumps.length === 1 ? '' : 's'} relative to ${result.reference}.\n`);
    });
}
