/** repo/version-bump.ts on real files: only the version changes, whatever the layout. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeVersionEdits } from '../../../src/repo/version-bump.js';
import { createTempRepo, type TempRepo } from './app-harness.js';

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo();
});
afterEach(() => repo.cleanup());

async function edit(file: string, text: string, edits: { documentIndex: number; pointer: string; version: number }[]): Promise<string> {
  repo.writeFile(file, text);
  await writeVersionEdits(edits.map((e) => ({ ...e, file })), { cwd: repo.dir });
  return readFileSync(join(repo.dir, file), 'utf8');
}

it('replaces an existing version in YAML, keeping comments, quoting and other documents', async () => {
  const text = '# head\nname: a # the name\nversion: 2 # v\ntasks: []\n---\nname: "b"\nversion: 7\ntasks: []\n';
  expect(await edit('w.yaml', text, [{ documentIndex: 1, pointer: '', version: 8 }])).toBe(text.replace('version: 7', 'version: 8'));
});

it('inserts a missing version after the name, indented like it', async () => {
  expect(await edit('w.yaml', '- name: a\n  tasks: []\n', [{ documentIndex: 0, pointer: '/0', version: 2 }])).toBe('- name: a\n  version: 2\n  tasks: []\n');
  expect(await edit('w.json', '{\n  "name": "a",\n  "tasks": []\n}\n', [{ documentIndex: 0, pointer: '', version: 2 }])).toBe(
    '{\n  "name": "a",\n  "version": 2,\n  "tasks": []\n}\n',
  );
});

it('edits several definitions of one JSON array file, and keeps a BOM', async () => {
  const text = '\uFEFF[\n  {"name": "a", "version": 1, "tasks": []},\n  {"name": "b", "tasks": []}\n]\n';
  const result = await edit('w.json', text, [
    { documentIndex: 0, pointer: '/0', version: 2 },
    { documentIndex: 0, pointer: '/1', version: 5 },
  ]);
  expect(result).toBe('\uFEFF[\n  {"name": "a", "version": 2, "tasks": []},\n  {"name": "b", "version": 5, "tasks": []}\n]\n');
});
