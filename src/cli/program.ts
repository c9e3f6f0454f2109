/**
 * The commander program: global flags and the list of commands. Command modules register
 * their flags here cheaply and load their implementation (app/, render/) lazily inside the
 * action, so `conductor --help` and `--version` stay fast. When the command line names a
 * top-level command, only that command's module is loaded and registered (issue 6: a
 * runtime command such as `workflow status` must not pay for plan, apply, server…); help,
 * completion and anything unrecognised get the whole tree.
 */
import { Command, Option } from 'commander';
import type { CommandContext } from './context.js';
import { VERSION } from './version.js';

type Register = (program: Command, ctx: CommandContext) => void;

/** The top-level commands, in the order help lists them, each with the loader of its module. */
const COMMANDS: readonly (readonly [name: string, load: () => Promise<Register>])[] = [
  ['env', async () => (await import('./commands/env.js')).registerEnv],
  ['config', async () => (await import('./commands/config.js')).registerConfig],
  ['server', async () => (await import('./commands/server.js')).registerServer],
  ['validate', async () => (await import('./commands/validate.js')).registerValidate],
  ['plan', async () => (await import('./commands/plan.js')).registerPlan],
  ['apply', async () => (await import('./commands/apply.js')).registerApply],
  ['export', async () => (await import('./commands/export.js')).registerExport],
  ['version', async () => (await import('./commands/version.js')).registerVersion],
  ['workflow', async () => (await import('./commands/workflow.js')).registerWorkflow],
  ['task', async () => (await import('./commands/task.js')).registerTask],
  ['worker', async () => (await import('./commands/worker.js')).registerWorker],
  // completion walks the whole command tree, so naming it loads every command (below).
  ['completion', async () => (await import('./commands/completion.js')).registerCompletion],
];

/** `argv` is the command line without node and the script; it only chooses what to load. */
export async function buildProgram(ctx: CommandContext, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('conductor');
  program
    .description('GitOps for Conductor: validate, plan and apply task and workflow definitions per environment.')
    // Only -V here: commander lets a program option win anywhere on the line, and
    // `workflow start --version <n>` (the official CLI's flag) must reach the subcommand.
    // `conductor --version` alone is answered by the fast path in main.ts.
    .version(VERSION, '-V', 'output the version number (also --version)')
    .option('--profile <name>', 'environment (environments/<name>.yaml) or official-CLI profile (~/.conductor-cli/config-<name>.yaml); env CONDUCTOR_PROFILE')
    .option('--server <url>', 'Conductor server URL, e.g. http://localhost:8080/api (overrides the profile)')
    .option('--auth-key <id>', 'Orkes key id (overrides the profile)')
    .option('--auth-secret <secret>', 'Orkes key secret (overrides the profile)')
    .option('--auth-token <token>', 'auth token (overrides the profile)')
    .addOption(new Option('--server-type <type>', 'server type').choices(['OSS', 'Enterprise']))
    .option('--config <file>', 'official-CLI style config file to read instead of ~/.conductor-cli/config.yaml')
    .option('-v, --verbose', 'more detail in messages and errors')
    .option('-y, --yes', 'answer yes to confirmation prompts')
    .option('--no-color', 'no colour in output (NO_COLOR is respected too)')
    .option('--debug', 'print stack traces and error causes')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => ctx.io.out(text),
      writeErr: (text) => ctx.io.err(text),
    })
    .exitOverride();

  // Commands are registered in COMMANDS order (each helper adds its own); modules load in parallel.
  const name = commandName(program, argv);
  const named = COMMANDS.filter(([n]) => n === name && n !== 'completion');
  const registers = await Promise.all((named.length === 1 ? named : COMMANDS).map(([, load]) => load()));
  for (const register of registers) register(program, ctx);
  return program;
}

/**
 * The first operand of `argv`, skipping the program's global options and their values
 * (`--profile dev`, `--server=…`), as commander will read it; undefined if there is none.
 */
function commandName(program: Command, argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (!arg.startsWith('-') || arg === '-') return arg;
    const option = program.options.find((o) => o.long === arg || o.short === arg);
    if (option?.required || (option?.optional && !argv[i + 1]?.startsWith('-'))) i++;
  }
  return undefined;
}
