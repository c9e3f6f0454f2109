/**
 * `conductor export`: write the server's definitions into the repo layout (adopting an
 * existing cluster). `plan` right after it shows no changes.
 */
import { homedir } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CommandContext, GlobalOptions } from '../context.js';
import { resolveCliTarget } from './config.js';

type Options = GlobalOptions & { dir?: string; format?: string; latest?: boolean };

export function registerExport(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('write the server\'s definitions into the repo: <dir>/tasks/<name>.yaml, <dir>/workflows/<name>.v<version>.yaml')
    .option('--dir <dir>', 'directory to write to', 'definitions')
    .option('--format <format>', 'yaml or json', 'yaml')
    .option('--latest', 'only the newest version of each workflow')
    .option('--json', 'print the list of written files as JSON')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      if (options.format !== 'yaml' && options.format !== 'json') throw new UsageError(`--format must be yaml or json, got "${options.format}"`);
      const target = await resolveCliTarget(ctx, options);
      const { exportDefinitions } = await import('../../app/export.js');
      const { createEventWriter } = await import('./apply.js');
      const result = await exportDefinitions({
        cwd: ctx.io.cwd,
        env: ctx.io.env,
        homeDir: homedir(),
        flags: options,
        target,
        dir: options.dir ?? 'definitions',
        format: options.format,
        latestOnly: options.latest ?? false,
        events: createEventWriter(ctx),
      });
      if (options.json) {
        ctx.io.out(`${JSON.stringify({ serverUrl: result.serverUrl, dir: result.dir, files: result.files }, null, 2)}\n`);
        return;
      }
      const count = (status: string) => result.files.filter((file) => file.status === status).length;
      const marks: Record<string, string> = { created: '+', updated: '~' };
      for (const file of result.files) if (marks[file.status]) ctx.io.out(`${marks[file.status]} ${file.file}\n`);
      for (const file of result.files.filter((f) => f.status === 'kept')) {
        ctx.io.err(`warning: ${file.key.kind}/${file.key.name}${file.key.version ? `@${file.key.version}` : ''} is in ${file.file} with other definitions: not rewritten, compare it with \`conductor plan\`\n`);
      }
      const kept = count('kept') > 0 ? `, ${count('kept')} kept` : '';
      ctx.io.out(`Exported ${result.files.length} definitions from ${result.serverUrl} to ${result.dir}/: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged${kept}.\n`);
    });
}
