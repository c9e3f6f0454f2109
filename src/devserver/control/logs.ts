/** Reading and following the background server's log file (`conductor server logs`). */
import { closeSync, openSync, readSync, statSync, watchFile, unwatchFile } from 'node:fs';

/** The last `lines` lines of a file ('' when it does not exist). Reads at most the last 1 MiB. */
export function readLogTail(file: string, lines: number): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return '';
  }
  const length = Math.min(size, 1024 * 1024);
  const text = readRange(file, size - length, length);
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all.slice(Math.max(0, all.length - lines)).map((line) => `${line}\n`).join('');
}

function readRange(file: string, start: number, length: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, start);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Calls `onText` with everything appended to `file` after `fromOffset`, until `signal`
 * aborts. Resolves when it does. A truncated file is followed from its new start.
 */
export function followLog(file: string, fromOffset: number, onText: (text: string) => void, signal: AbortSignal): Promise<void> {
  let offset = fromOffset;
  const poll = (): void => {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return;
    }
    if (size < offset) offset = 0;
    if (size > offset) {
      onText(readRange(file, offset, size - offset));
      offset = size;
    }
  };
  return new Promise((resolve) => {
    watchFile(file, { interval: 200 }, poll);
    const stop = (): void => {
      unwatchFile(file, poll);
      resolve();
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
