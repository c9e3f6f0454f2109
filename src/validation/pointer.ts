/** RFC 6901 JSON pointer helpers shared by validation and the repo reader. Pure. */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  const text = String(token);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

/** Joins a base pointer and more tokens: joinPointer('/tasks', 0, 'name') → '/tasks/0/name'. */
export function joinPointer(base: string, ...tokens: (string | number)[]): string {
  let pointer = base;
  for (const token of tokens) pointer += `/${escapePointerToken(token)}`;
  return pointer;
}

/** Drops the last token: '/a/b' → '/a', '/a' → '', '' → undefined. */
export function parentPointer(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  return pointer.slice(0, pointer.lastIndexOf('/'));
}
