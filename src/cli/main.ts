/**
 * Entry point and the only catch: runs the program, turns errors into one clear paragraph
 * on stderr and an exit code (docs/style.md). Nothing else sets process.exitCode.
 */
import type { CommanderError } from 'commander';
import { createProcessIo } from './io.js';
import type { CommandContext } from './context.js';
import { exitCodeFor, ExitCode } from './exit-codes.js';

async function main(argv: string[]): Promise<number> {
  // Fast path: `conductor --version` must not load commander or any command.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    const { VERSION } = await import('./version.js');
    process.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  const io = createProcessIo(argv);
  const ctx: CommandContext = { io, now: () => new Date(), exitCode: ExitCode.ok };
  const debug = argv.includes('--debug');
  try {
    const { buildProgram } = await import('./program.js');
    const program = await buildProgram(ctx, argv);
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return ExitCode.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (isCommanderError(error)) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return quiet.includes(error.code) ? ExitCode.ok : ExitCode.usage;
    }
    // Loaded only on failure: it brings the diagnostics renderer, which a successful run never needs.
    const { formatError } = await import('./error-text.js');
    io.err(formatError(error, { debug, color: io.errColor }));
    return exitCodeFor(error);
  }
}

function isCommanderError(error: unknown): error is CommanderError {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('commander.');
}

process.on('SIGINT', () => {
  process.exitCode = ExitCode.interrupted;
  process.exit(ExitCode.interrupted);
});

// No top-level await: the bundle (scripts/bundle-cli.mjs) is CommonJS, for start-up time.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
