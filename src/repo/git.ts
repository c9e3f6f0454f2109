/**
 * Read-only git access for `version bump --since <ref>`: the content of a file at a ref.
 * Runs `git` with execFile (no shell), so refs and paths are never interpreted by a shell.
 * Never changes the repository.
 */
import { execFile } from 'node:child_process';
import { UsageError } from '../errors.js';

export interface GitOptions {
  cwd: string;
}

/**
 * The file at `ref` (path relative to cwd), or undefined when the file did not exist at that
 * ref. An unknown ref or a directory that is not a git work tree is a UsageError.
 */
export async function readFileAtRef(ref: string, path: string, options: GitOptions): Promise<string | undefined> {
  await verifyRef(ref, options);
  const spec = `${ref}:./${path.replace(/^\.\//, '')}`;
  const result = await runGit(['show', spec], options);
  if (result.code === 0) return result.stdout;
  if (/does not exist|exists on disk, but not in/.test(result.stderr)) return undefined;
  throw new UsageError(`git show ${spec} failed: ${firstLine(result.stderr)}`);
}

const verified = new Map<string, Promise<void>>();

/** Fails once, clearly, for a ref git does not know (instead of once per file). */
export function verifyRef(ref: string, options: GitOptions): Promise<void> {
  if (ref.startsWith('-')) return Promise.reject(new UsageError(`not a git ref: ${ref}`));
  const cacheKey = `${options.cwd}\0${ref}`;
  let pending = verified.get(cacheKey);
  if (!pending) {
    pending = runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], options).then((result) => {
      if (/not a git repository/i.test(result.stderr)) {
        throw new UsageError(`--since ${ref} needs a git repository, and ${options.cwd} is not in one`, { code: 'GIT_NO_REPO' });
      }
      if (result.code !== 0) {
        throw new UsageError(`unknown git ref "${ref}"${result.stderr ? `: ${firstLine(result.stderr)}` : ''}`, {
          hint: 'give a branch, tag or commit, e.g. --since origin/main',
        });
      }
    });
    verified.set(cacheKey, pending);
  }
  return pending;
}

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runGit(args: string[], { cwd }: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new UsageError(`cannot run git: ${error.message}`, { cause: error }));
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
