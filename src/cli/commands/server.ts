/**
 * `conductor server start|stop|status|logs`: the local dev server (src/devserver). `start`
 * spawns itself detached with `--foreground` (pid record `server.json` and `server.log` in the
 * data directory) and prints the API URL once healthy; `--foreground` runs it attached until
 * SIGTERM/SIGINT. Auth (Orkes mode): `--auth` with the key from --auth-key-id/--auth-key-secret
 * or CONDUCTOR_SERVER_AUTH_KEY/CONDUCTOR_SERVER_AUTH_SECRET (the background child gets them
 * through its environment, never its argv). The devserver is loaded lazily in the actions.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, UsageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';

interface StartOptions { port: string; host: string; dataDir?: string; foreground?: boolean; auth?: boolean; authKeyId?: string; authKeySecret?: string }

const dataDirOption = ['--data-dir <dir>', 'data directory (default .conductor/ in the working directory)'] as const;

export function registerServer(program: Command, ctx: CommandContext): void {
  const server = program.command('server').description('run the local Conductor-compatible dev server');
  registerServerStart(server, ctx);
  registerServerStop(server, ctx);
  registerServerStatus(server, ctx);
  registerServerLogs(server, ctx);
}

function registerServerStart(server: Command, ctx: CommandContext): void {
  server
    .command('start')
    .description('start the dev server in the background and print its API URL (--foreground: stay attached)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on; anything but loopback exposes the server', '127.0.0.1')
    .option(...dataDirOption)
    .option('--foreground', 'run attached; stop with Ctrl-C or SIGTERM')
    .option('--auth', 'require Orkes-style tokens (POST /api/token, X-Authorization)')
    .option('--auth-key-id <id>', 'key id for --auth (env CONDUCTOR_SERVER_AUTH_KEY)')
    .option('--auth-key-secret <secret>', 'key secret for --auth (env CONDUCTOR_SERVER_AUTH_SECRET)')
    .action(async (options: StartOptions) => {
      const settings = { port: parsePort(options.port), host: options.host, dataDir: dataDirOf(ctx, options.dataDir), auth: authOf(ctx, options) };
      if (options.foreground) await runForeground(ctx, settings);
      else await runBackground(ctx, settings);
    });
}

function registerServerStop(server: Command, ctx: CommandContext): void {
  server
    .command('stop')
    .description('stop the background dev server (SIGTERM, then SIGKILL after --timeout seconds)')
    .option(...dataDirOption)
    .option('--timeout <seconds>', 'seconds to wait before SIGKILL', '10')
    .action(async (options: { dataDir?: string; timeout: string }) => {
      if (!/^\d+(\.\d+)?$/.test(options.timeout)) throw new UsageError(`--timeout must be a number of seconds, got ${options.timeout}`);
      const { stopServer } = await import('../../devserver/index.js');
      const result = await stopServer(dataDirOf(ctx, options.dataDir), Number(options.timeout) * 1000);
      if (result.outcome === 'not-running') ctx.io.err(`no dev server is running for ${dataDirOf(ctx, options.dataDir)}\n`);
      else ctx.io.err(`dev server ${result.outcome} (pid ${result.pid}, ${result.url}) after ${Math.round(result.waitedMs)} ms\n`);
    });
}

function registerServerStatus(server: Command, ctx: CommandContext): void {
  server
    .command('status')
    .description('is the dev server running: URL, pid, uptime, data directory, definition counts (exit 1 when not running)')
    .option(...dataDirOption)
    .option('--json', 'print one JSON document')
    .action(async (options: { dataDir?: string; json?: boolean }) => {
      const { readServerStatus } = await import('../../devserver/index.js');
      const status = await readServerStatus(dataDirOf(ctx, options.dataDir), () => ctx.now().getTime());
      ctx.io.out(options.json ? `${JSON.stringify(status, null, 2)}\n` : renderStatus(status));
      if (!status.running || !status.responding) ctx.exitCode = ExitCode.failure;
    });
}

function registerServerLogs(server: Command, ctx: CommandContext): void {
  server
    .command('logs')
    .description('print the background dev server log (server.log in the data directory)')
    .option(...dataDirOption)
    .option('-n, --lines <n>', 'number of last lines', '50')
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .action(async (options: { dataDir?: string; lines: string; follow?: boolean }) => {
      const { readLogTail, followLog, fileSize, LOG_FILE } = await import('../../devserver/index.js');
      const file = resolve(dataDirOf(ctx, options.dataDir), LOG_FILE);
      const lines = Number.parseInt(options.lines, 10);
      if (!Number.isInteger(lines) || lines < 0) throw new UsageError(`--lines must be a whole number, got ${options.lines}`);
      if (!options.follow && !existsSync(file)) {
        ctx.io.err(`no log at ${file}: no dev server was started in the background with this data directory\n`);
        ctx.exitCode = ExitCode.failure;
        return;
      }
      const offset = fileSize(file);
      ctx.io.out(readLogTail(file, lines));
      if (options.follow) await followLog(file, offset, (text) => ctx.io.out(text), new AbortController().signal);
    });
}

type Settings = { port: number; host: string; dataDir: string; auth: { keyId: string; keySecret: string } | undefined };

async function runForeground(ctx: CommandContext, s: Settings): Promise<void> {
  const devserver = await import('../../devserver/index.js');
  const logger = devserver.createLineLogger((line) => ctx.io.err(line));
  const running = await devserver
    .startDevServer({ port: s.port, host: s.host, dataDir: s.dataDir, logger, logRequests: true, ...(s.auth ? { auth: s.auth } : {}) })
    .catch((error: unknown) => {
      throw new CliError('SERVER_START_FAILED', error instanceof Error ? error.message : String(error));
    });
  ctx.io.out(`${running.apiUrl}\n`);
  // Replace the default SIGINT exit (cli/main.ts) with a graceful close while serving.
  const previous = process.listeners('SIGINT');
  process.removeAllListeners('SIGINT');
  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
  await running.close();
  for (const listener of previous) process.on('SIGINT', listener as NodeJS.SignalsListener);
  ctx.exitCode = signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.ok;
}

async function runBackground(ctx: CommandContext, s: Settings): Promise<void> {
  const { startInBackground } = await import('../../devserver/index.js');
  const args = [process.argv[1]!, 'server', 'start', '--foreground', '--port', String(s.port), '--host', s.host, '--data-dir', s.dataDir];
  const env: NodeJS.ProcessEnv = { ...ctx.io.env, NO_COLOR: '1' };
  if (s.auth) {
    args.push('--auth');
    env['CONDUCTOR_SERVER_AUTH_KEY'] = s.auth.keyId;
    env['CONDUCTOR_SERVER_AUTH_SECRET'] = s.auth.keySecret;
  }
  const result = await startInBackground({ dataDir: s.dataDir, host: s.host, port: s.port, command: process.execPath, args, env }).catch((error: unknown) => {
    const code = (error as { code?: string }).code ?? 'START_FAILED';
    throw new CliError(`SERVER_${code}`, error instanceof Error ? error.message : String(error));
  });
  ctx.io.out(`${result.server.url}/api\n`);
  ctx.io.err(`dev server started in ${Math.round(result.startupMs)} ms: pid ${result.server.pid}, data ${s.dataDir}, log ${result.logFile}\n`);
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new UsageError(`--port must be 0-65535, got ${raw}`);
  return port;
}

function dataDirOf(ctx: CommandContext, dir: string | undefined): string {
  return resolve(ctx.io.cwd, dir ?? '.conductor');
}

function authOf(ctx: CommandContext, options: StartOptions): Settings['auth'] {
  if (!options.auth) return undefined;
  const keyId = options.authKeyId ?? ctx.io.env['CONDUCTOR_SERVER_AUTH_KEY'];
  const keySecret = options.authKeySecret ?? ctx.io.env['CONDUCTOR_SERVER_AUTH_SECRET'];
  if (!keyId || !keySecret) {
    throw new UsageError('--auth needs a key id and secret', { hint: 'pass --auth-key-id/--auth-key-secret or set CONDUCTOR_SERVER_AUTH_KEY and CONDUCTOR_SERVER_AUTH_SECRET' });
  }
  ctx.io.addSecret(keySecret);
  return { keyId, keySecret };
}

function renderStatus(status: import('../../devserver/index.js').ServerStatus): string {
  if (!status.running) return `not running (data directory ${status.dataDir})\n`;
  const lines = [
    `running${status.responding ? '' : ' but not responding'}: ${status.apiUrl ?? ''}`,
    `pid:            ${status.pid ?? ''}`,
    `uptime:         ${status.uptimeSeconds ?? 0} s (since ${status.startedAt ?? ''})`,
    `data directory: ${status.dataDir}`,
    `version:        ${status.version ?? ''}${status.authEnabled ? ' (auth on)' : ''}`,
  ];
  if (status.definitions) lines.push(`definitions:    ${status.definitions.taskDefs} task defs, ${status.definitions.workflowDefs} workflow defs`);
  return `${lines.join('\n')}\n`;
}
