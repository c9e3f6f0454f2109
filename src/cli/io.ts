/**
 * The only place that knows about the terminal: where text goes (data to stdout, everything
 * else to stderr), whether colour is on, how wide the screen is. Commands receive an `Io`
 * and never touch process.stdout/stderr themselves, so tests can capture both streams.
 */
import { SECRET_ENV_VARS, SecretRedactor } from './redact.js';

export interface Io {
  /** Registers a secret value: it is masked as **** in everything written afterwards. */
  addSecret(value: string | undefined): void;
  /** Data: the command's result. */
  out(text: string): void;
  /** Messages, progress, warnings, diagnostics. */
  err(text: string): void;
  readonly isStdoutTTY: boolean;
  readonly isStderrTTY: boolean;
  readonly isStdinTTY: boolean;
  /** Colour on stdout (NO_COLOR, --no-color and FORCE_COLOR respected). */
  readonly color: boolean;
  /** Colour on stderr. */
  readonly errColor: boolean;
  readonly width: number;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface ColorChoice {
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  noColorFlag: boolean;
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off; FORCE_COLOR turns it on. */
export function decideColor({ env, isTTY, noColorFlag }: ColorChoice): boolean {
  if (noColorFlag) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (env['TERM'] === 'dumb') return false;
  return isTTY;
}

export function createProcessIo(argv: readonly string[]): Io {
  const env = process.env;
  const redactor = new SecretRedactor();
  for (const name of SECRET_ENV_VARS) redactor.add(env[name]);
  const noColorFlag = argv.includes('--no-color');
  const isStdoutTTY = Boolean(process.stdout.isTTY);
  const isStderrTTY = Boolean(process.stderr.isTTY);
  return {
    addSecret: (value) => redactor.add(value),
    out: (text) => void process.stdout.write(redactor.redact(text)),
    err: (text) => void process.stderr.write(redactor.redact(text)),
    isStdoutTTY,
    isStderrTTY,
    // A getter: touching process.stdin builds a stream (~1 ms), and only prompts ask.
    get isStdinTTY() {
      return Boolean(process.stdin.isTTY);
    },
    color: decideColor({ env, isTTY: isStdoutTTY, noColorFlag }),
    errColor: decideColor({ env, isTTY: isStderrTTY, noColorFlag }),
    width: process.stdout.columns || 100,
    env,
    cwd: process.cwd(),
  };
}
