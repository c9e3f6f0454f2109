/**
 * The commander program: global flags and the list of commands. Command modules register
 * their flags here cheaply and load their implementation (app/, render/) lazily inside the
 * action, so `conductor --help` and `--version` stay fast.
 */
import { Command, Option } from 'commander';
import type { CommandContext } from './context.js';
import { VERSION } from './version.js';
import { registerPlan } from './commands/plan.js';
import { registerApply } from './commands/apply.js';
import { registerExport } from './commands/export.js';
import { registerVersion } from './commands/version.js';
import { registerEnv } from './commands/env.js';
import { registerConfig } from './commands/config.js';
import { registerServer } from './commands/server.js';
import { registerValidate } from './commands/validate.js';
import { registerWorkflow } from './commands/workflow.js';
import { registerTask } from './commands/task.js';
import { registerWorker } from './commands/worker.js';
import { registerCompletion } from './commands/completion.js';

export function buildProgram(ctx: CommandContext): Command {
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

  // Commands are registered below, one line each (each helper adds its own).
  registerEnv(program, ctx);
  registerConfig(program, ctx);
  registerServer(program, ctx);
  registerValidate(program, ctx);
  registerPlan(program, ctx);
  registerApply(program, ctx);
  registerExport(program, ctx);
  registerVersion(program, ctx);
  registerWorkflow(program, ctx);
  registerTask(program, ctx);
  registerWorker(program, ctx);
  registerCompletion(program, ctx);
  return program;
}
