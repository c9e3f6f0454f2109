/** RFC 6901 JSON pointer helpers shared by validation and the repo reader. Pure. */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a base pointer and more tokens: joinPointer('/tasks', 0, 'name') → '/tasks/0/name'. */
export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}

/** Drops the last token: '/a/b' → '/a', '/a' → '', '' → undefined. */
export function parentPointer(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  return pointer.slice(0, pointer.lastIndexOf('/'));
}
