/**
 * `conductor config save|list|show|delete`: the official CLI's profile files in
 * ~/.conductor-cli, plus `resolveCliTarget`, which every command that talks to a server uses
 * to turn the global flags into a Target and register its secrets for masking.
 * Over ~80 lines because the interactive prompts (terminal work) live here.
 */
import { homedir } from 'node:os';
import type { Command } from 'commander';
import type { Target, TargetAuth } from '../../core/environment-target.js';
import type { ServerType } from '../../core/environment.js';
import { AbortError, UsageError } from '../../errors.js';
import type { CommandContext, GlobalOptions } from '../context.js';

type Options = GlobalOptions & { json?: boolean; showSecrets?: boolean };

/**
 * Resolves the target for the global flags (app/resolve-target.ts has the precedence) and
 * registers every secret with `ctx.io.addSecret`, so none is ever printed. Pass
 * `registerSecrets: false` only to display them on purpose (`config show --show-secrets`).
 */
export async function resolveCliTarget(
  ctx: CommandContext,
  globals: GlobalOptions,
  options: { strict?: boolean; registerSecrets?: boolean } = {},
): Promise<Target> {
  const register = options.registerSecrets !== false;
  if (register) for (const value of [globals.authKey, globals.authSecret, globals.authToken]) ctx.io.addSecret(value);
  const { resolveTarget } = await import('../../app/resolve-target.js');
  const target = await resolveTarget({ flags: globals, env: ctx.io.env, cwd: ctx.io.cwd, homeDir: homedir(), strict: options.strict ?? true });
  if (register && target.auth.kind === 'key') [target.auth.keyId, target.auth.keySecret].forEach((s) => ctx.io.addSecret(s));
  if (register && target.auth.kind === 'token') ctx.io.addSecret(target.auth.token);
  return target;
}

export function registerConfig(program: Command, ctx: CommandContext): void {
  const config = program.command('config').description('official-CLI profiles in ~/.conductor-cli (config.yaml, config-<profile>.yaml)');
  registerConfigSave(config, ctx);
  registerConfigList(config, ctx);
  registerConfigShow(config, ctx);
  registerConfigDelete(config, ctx);
}

function registerConfigSave(config: Command, ctx: CommandContext): void {
  config
    .command('save')
    .description('save server and credentials to a profile (prompts on a terminal, else takes --server, --server-type, --auth-*)')
    .action(async (_o: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      if (options.config) throw new UsageError('config save writes ~/.conductor-cli; --config is only read', { code: 'USAGE' });
      [options.authKey, options.authSecret, options.authToken].forEach((s) => ctx.io.addSecret(s));
      const app = await import('../../app/config.js');
      const homeDir = homedir();
      const fromFlags = settingsFromFlags(options);
      const interactive = fromFlags === undefined && ctx.io.isStdinTTY;
      if (!fromFlags && !interactive) {
        throw new UsageError('nothing to save: pass --server, --server-type, --auth-token or --auth-key/--auth-secret', { code: 'USAGE' });
      }
      const existing = await app.readCliProfile({ homeDir, profile: options.profile });
      const settings = fromFlags ?? (await promptSettings(ctx, existing));
      const result = await app.saveCliProfile({ homeDir, profile: options.profile, ...settings });
      ctx.io.out(`saved profile "${result.profile}" to ${result.file}\n`);
      const { listEnvironments } = await import('../../app/environments.js');
      const shadow = (await listEnvironments({ cwd: ctx.io.cwd })).environments.find((e) => e.name === result.profile);
      if (shadow) ctx.io.err(`warning: --profile ${result.profile} selects ${shadow.file} in this repo, not this file\n`);
    });
}

function registerConfigList(config: Command, ctx: CommandContext): void {
  config
    .command('list')
    .description('list the profiles in ~/.conductor-cli')
    .option('--json', 'print one JSON document')
    .action(async (_o: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      const { listCliProfiles } = await import('../../app/config.js');
      const profiles = await listCliProfiles({ homeDir: homedir() });
      if (options.json) return ctx.io.out(`${JSON.stringify({ profiles }, null, 2)}\n`);
      const { renderProfileList } = await import('../../render/config-text.js');
      const { join } = await import('node:path');
      ctx.io.out(renderProfileList(profiles, { color: ctx.io.color, dir: join(homedir(), '.conductor-cli') }));
    });
}

function registerConfigShow(config: Command, ctx: CommandContext): void {
  config
    .command('show')
    .description('show each resolved setting and where it came from (secrets masked)')
    .option('--json', 'print one JSON document')
    .option('--show-secrets', 'print secrets from files and flags in clear text (CONDUCTOR_AUTH_* values stay masked)')
    .action(async (_o: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      const showSecrets = Boolean(options.showSecrets);
      const target = await resolveCliTarget(ctx, options, { strict: false, registerSecrets: !showSecrets });
      const { buildTargetView } = await import('../../core/environment-target.js');
      const view = buildTargetView(target, { showSecrets });
      if (options.json) return ctx.io.out(`${JSON.stringify(view, null, 2)}\n`);
      const { renderTargetText } = await import('../../render/config-text.js');
      ctx.io.out(renderTargetText(view, { color: ctx.io.color }));
    });
}

function registerConfigDelete(config: Command, ctx: CommandContext): void {
  config
    .command('delete [profile]')
    .description('delete a profile file (asks first unless -y)')
    .action(async (name: string | undefined, _o: unknown, command: Command) => {
      const options = command.optsWithGlobals<Options>();
      const app = await import('../../app/config.js');
      const homeDir = homedir();
      const profile = name ?? options.profile;
      const file = app.cliProfilePath({ homeDir, profile });
      if (!options.yes && (await app.hasCliProfile({ homeDir, profile }))) {
        if (!ctx.io.isStdinTTY) throw new AbortError(`not deleting ${file}: no terminal to confirm on; pass -y to delete`);
        const answer = await ask(ctx, `Delete ${file}? (y/N): `);
        if (!/^y(es)?$/i.test(answer.trim())) throw new AbortError('deletion cancelled');
      }
      const result = await app.deleteCliProfile({ homeDir, profile });
      ctx.io.out(`deleted profile "${result.profile}" (${result.file})\n`);
    });
}

interface SaveSettings {
  server?: string;
  serverType?: ServerType;
  auth?: TargetAuth;
}

function settingsFromFlags(options: Options): SaveSettings | undefined {
  const settings: SaveSettings = {};
  if (options.server) settings.server = options.server;
  if (options.serverType) settings.serverType = options.serverType as ServerType;
  if (options.authToken) settings.auth = { kind: 'token', token: options.authToken };
  else if (options.authKey || options.authSecret) {
    if (!options.authKey || !options.authSecret) throw new UsageError('--auth-key and --auth-secret go together', { code: 'AUTH_INCOMPLETE' });
    settings.auth = { kind: 'key', keyId: options.authKey, keySecret: options.authSecret };
  }
  return Object.keys(settings).length === 0 ? undefined : settings;
}

interface ExistingProfile {
  server?: string;
  serverType?: string;
  auth: TargetAuth;
}

async function promptSettings(ctx: CommandContext, existing: ExistingProfile | undefined): Promise<SaveSettings> {
  const server = (await ask(ctx, `Server URL [${existing?.server ?? 'http://localhost:8080/api'}]: `)).trim() || existing?.server || 'http://localhost:8080/api';
  const currentType = existing?.serverType === 'Enterprise' ? 'Enterprise' : 'OSS';
  const typeAnswer = (await ask(ctx, `Server type (OSS/Enterprise) [${currentType}]: `)).trim().toLowerCase();
  const serverType: ServerType = typeAnswer === '' ? currentType : typeAnswer.startsWith('e') ? 'Enterprise' : 'OSS';
  const currentAuth = existing?.auth.kind ?? 'none';
  const authAnswer = (await ask(ctx, `Authentication (none/key/token) [${currentAuth}]: `)).trim().toLowerCase() || currentAuth;
  const keep = (label: string, current: string | undefined, hidden: boolean) =>
    ask(ctx, `${label}${current ? ' [keep ****]' : ''}: `, hidden).then((answer) => answer.trim() || current || '');
  let auth: TargetAuth = { kind: 'none' };
  if (authAnswer.startsWith('k')) {
    const old = existing?.auth.kind === 'key' ? existing.auth : undefined;
    const keyId = await keep('Key id', old?.keyId, false);
    ctx.io.addSecret(keyId);
    const keySecret = await keep('Key secret', old?.keySecret, true);
    ctx.io.addSecret(keySecret);
    if (!keyId || !keySecret) throw new UsageError('a key needs both an id and a secret', { code: 'AUTH_INCOMPLETE' });
    auth = { kind: 'key', keyId, keySecret };
  } else if (authAnswer.startsWith('t')) {
    const token = await keep('Token', existing?.auth.kind === 'token' ? existing.auth.token : undefined, true);
    ctx.io.addSecret(token);
    if (!token) throw new UsageError('no token given', { code: 'AUTH_INCOMPLETE' });
    auth = { kind: 'token', token };
  }
  return { server, serverType, auth };
}

/** One line from the terminal; prompts go to stderr. `hidden` stops echoing what is typed. */
async function ask(ctx: CommandContext, question: string, hidden = false): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const { Writable } = await import('node:stream');
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) ctx.io.err(chunk.toString());
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(question);
    muted = hidden;
    return await answer;
  } finally {
    if (hidden) ctx.io.err('\n');
    rl.close();
  }
}
