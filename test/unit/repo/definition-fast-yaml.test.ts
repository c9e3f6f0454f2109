/**
 * The fast YAML path must give exactly what the yaml package gives, or step aside (undefined).
 * Checked against every YAML and JSON file of the repo and the shared corpus (JSON ones
 * re-written as block YAML in several styles), hand-picked edge cases, and seeded random
 * documents built from tricky tokens.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments, stringify } from 'yaml';
import { parseFastYaml } from '../../../src/repo/definition-fast-yaml.js';
import { buildPositionLookup } from '../../../src/repo/positions.js';
import { parseDefinitionText } from '../../../src/repo/parse-file.js';

const repoRoot = resolve(import.meta.dirname, '../../..');

/** What the full parser makes of the text, when it is one document without errors. */
function slow(text: string) {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, version: '1.2', merge: true });
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0]!.errors.length > 0) return undefined;
  const doc = docs[0]!;
  return { value: doc.toJS({ maxAliasCount: 1000 }) as unknown, lookup: buildPositionLookup(doc.contents, lineCounter) };
}

/** Fails when the fast path accepts the text but disagrees with the full parser. */
function check(text: string): boolean {
  const fast = parseFastYaml(text);
  if (!fast) return false;
  const full = slow(text);
  expect(full, `fast path accepted text the full parser rejects:\n${text}`).toBeDefined();
  expect(fast.value, text).toStrictEqual(full!.value);
  expect(fast.root, text).toEqual(full!.lookup.locate(''));
  for (const [index, position] of fast.elements) expect(position, text).toEqual(full!.lookup.locate(`/${index}`));
  if (Array.isArray(fast.value)) {
    fast.value.forEach((element, index) => {
      if (typeof element === 'object' && element !== null && !Array.isArray(element)) expect(fast.elements.has(index), text).toBe(true);
    });
  }
  return true;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : /\.(json|ya?ml)$/.test(name) ? [path] : [];
  });
}

describe('parseFastYaml agrees with the yaml package', () => {
  const files = [...listFiles(join(repoRoot, 'definitions')), ...listFiles(join(repoRoot, 'test')), ...listFiles(resolve(repoRoot, '../shared/corpus'))];

  it('on every YAML file of the repo and the corpus', () => {
    let accepted = 0;
    for (const file of files.filter((f) => /\.ya?ml$/.test(f))) if (check(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))) accepted++;
    expect(accepted).toBeGreaterThan(0);
  });

  it('on every JSON definition re-written as block YAML in several styles', () => {
    let accepted = 0;
    let total = 0;
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      let value: unknown;
      try {
        value = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        continue;
      }
      if (typeof value !== 'object' || value === null) continue;
      for (const options of [{}, { indentSeq: false }, { indent: 4, flowCollectionPadding: false }, { collectionStyle: 'block' as const, defaultStringType: 'QUOTE_DOUBLE' as const }]) {
        total++;
        if (check(stringify(value, { lineWidth: 0, ...options }))) accepted++;
      }
    }
    // Most definitions are plain enough for the fast path.
    expect(accepted).toBeGreaterThan(total / 2);
  });

  it.each([
    ['name: a\ntasks: []\n', true],
    ['---\nname: a\n', true],
    ['--- # comment\nname: a\n', true],
    ['# header\n\nname: a # trailing\nversion: 2\n', true],
    ['name: a\ntasks:\n- name: b\n  type: SIMPLE\n', true],
    ['- name: a\n- name: b\n  retryCount: 3\n', true],
    ['-\n  name: a\n-\n  name: b\n', true],
    ['a: "x\\ty\\u00e9"\nb: \'it\'\'s\'\nc: ""\n', true],
    ['a: [x, "y", 3, true, null, 0x1F, 0o17, 1e3, .inf, -.Inf, .nan, +12, -0]\n', true],
    ['a: ~\nb: Null\nc: NULL\nd:\ne: FALSE\nf: True\ng: 1.50\nh: 1.\ni: .5\nj: 1_000\nk: 0b11\n', true],
    ['200: ok\n1.0: one\ntrue: yes\nnull: nothing\n"quoted key": 1\n\'single\': 2\n', true],
    ['url: http://x/y?a=b#c\nexpr: ${workflow.input.a} #comment\nplain: a#b\ncolon: a:b\n', true],
    ['a:\r\n  b: 1\r\n', true],
    ['a: {}\nb: [ ]\n', true],
    ['a: x\n  continued\n', false],
    ['a: |\n  block\n', false],
    ['a: &x 1\nb: *x\n', false],
    ['a: !!str 1\n', false],
    ['a: 1\na: 2\n', false],
    ['a: 1\n"a": 2\n', false],
    ['1: a\n"1": b\n', false],
    ['<<: {a: 1}\n', false],
    ['__proto__: 1\n', false],
    ['a: {b: 1}\n', false],
    ['a: [b, [c]]\n', false],
    ['a: [b,]\n', false],
    ['a:\n\t- b\n', false],
    ['a: 1\n---\nb: 2\n', false],
    ['a: b: c\n', false],
    ['- - a\n', false],
    ['a: "unterminated\n', false],
    ['a: "bad \\x41 escape"\n', false],
    ['a: "x"y\n', false],
    ['  a: 1\n', false],
    ['a:\n  b: 1\n c: 2\n', false],
    ['just a scalar\n', false],
    ['', false],
    ['# only a comment\n', false],
    ['a: @b\n', false],
    ['? a\n: b\n', false],
  ])('%j (fast path: %s)', (text, accepted) => {
    expect(check(text)).toBe(accepted);
  });

  it('on seeded random documents', () => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const scalars = ['a', 'abc def', 'true', 'False', 'null', '~', '', '0', '-1', '+2', '0x1f', '0o7', '08', '1.5', '1.', '.5', '1e5', '1E-2', '.inf', '-.INF', '.NaN',
      'n', 'T', 'yes', '"q"', "'s'", "'it''s'", '"a\\"b"', '"\\u0041"', 'a #c', 'a#b', 'x: y', 'x:y', 'http://h', '${a.b}', '[]', '[a, b]', '[1, "2", c]', '{}',
      '- a', '-a', '?a', ':a', '@a', '`a', '&a x', '*a', '!t x', '|', '>', '"unterminated', "'un", '[a', 'a ]', '{a: 1}', '%a', 'ä ✓'];
    const keys = ['a', 'b', 'name', 'x y', '"q"', "'s'", '1', 'true', 'null', 'a:b', 'a#b', '-k', '<<', '""'];
    const gen = (depth: number, indent: string): string => {
      const kind = depth > 3 ? 0 : Math.floor(random() * 3);
      if (kind === 0) return ` ${pick(scalars)}${random() < 0.1 ? ' # c' : ''}\n`;
      const lines: string[] = [];
      const count = 1 + Math.floor(random() * 3);
      const childIndent = indent + pick(['  ', '  ', '    ', ' ']);
      for (let n = 0; n < count; n++) {
        if (random() < 0.08) lines.push(`${indent}${pick(['', '# comment', '  # indented comment'])}\n`);
        if (kind === 1) lines.push(`${indent}${pick(keys)}:${gen(depth + 1, childIndent).replace(/^(?! )/, '\n')}`);
        else lines.push(`${indent}-${gen(depth + 1, childIndent).replace(/^(?! )/, '\n')}`);
      }
      return lines.join('');
    };
    let accepted = 0;
    for (let n = 0; n < 3000; n++) {
      const text = gen(0, '').replace(/^ /, '');
      if (check(text)) accepted++;
    }
    expect(accepted).toBeGreaterThan(200);
  });
});

describe('parseDefinitionText: the JSON fast path (JSON.parse) agrees with the yaml package', () => {
  const files = [...listFiles(join(repoRoot, 'definitions')), ...listFiles(join(repoRoot, 'test')), ...listFiles(resolve(repoRoot, '../shared'))].filter((f) => f.endsWith('.json'));
  const fullJson = (text: string) => {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, version: '1.2', merge: false });
    const doc = Array.isArray(docs) ? docs[0] : undefined;
    return doc && doc.errors.length === 0 ? { value: doc.toJS({ maxAliasCount: 1000 }) as unknown, lookup: buildPositionLookup(doc.contents, lineCounter) } : undefined;
  };
  const samples = [
    '{"name": "a", "tasks": []}',
    '[\n  {"name": "a"},\n\t{"name": "b", "x": [1, 2]},\n  3, "s", null\n]',
    '\r\n  {"a": -0, "b": 1e400, "c": "\\ud83d\\ude00 \\/", "__proto__": {"x": 1}}\r\n',
    '"just a string"',
    '[]',
    '{"a\\u0062": 1, "ab": 2}',
  ];

  it('on every JSON file of the repo and the corpus, and edge cases', () => {
    let checked = 0;
    for (const text of [...samples, ...files.map((file) => readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))]) {
      const parsed = parseDefinitionText(text, { file: 'x.json', format: 'json' });
      const full = fullJson(text);
      if (!full) continue; // invalid JSON or a YAML error: the slow path answers (other tests)
      if (full.value === null) continue;
      checked++;
      expect(parsed.diagnostics, text.slice(0, 200)).toEqual([]);
      const [document] = parsed.value;
      expect(document!.value, text.slice(0, 200)).toStrictEqual(full.value);
      const pointers = ['', ...(Array.isArray(full.value) ? full.value.map((_, i) => `/${i}`) : []), '/name', '/tasks/0/name', '/nope/deeper'];
      for (const pointer of pointers) expect(document!.lookup.locate(pointer), `${pointer} in ${text.slice(0, 100)}`).toEqual(full.lookup.locate(pointer));
      expect(document!.line).toBe(full.lookup.locate('')?.line ?? 1);
    }
    expect(checked).toBeGreaterThan(samples.length);
  });

  it('leaves repeated keys to the yaml package, which reports them', () => {
    const { value, diagnostics } = parseDefinitionText('{\n  "name": "a",\n  "a\\u0062": 1,\n  "ab": 2\n}', { file: 'x.json', format: 'json' });
    expect(value).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'DEF_DUPLICATE_KEY', line: 4 })]);
  });
});

describe('parseDefinitionText with the fast path', () => {
  it('locates any pointer as the full parser does (lazily)', () => {
    const text = '# c\nname: a\ntasks:\n  - name: b\n    taskReferenceName: b_ref\n    inputParameters:\n      x: 1\n';
    const [document] = parseDefinitionText(text, { file: 'x.yaml', format: 'yaml' }).value;
    const full = slow(text)!;
    expect(document!.line).toBe(2);
    for (const pointer of ['', '/name', '/tasks', '/tasks/0', '/tasks/0/inputParameters/x', '/tasks/0/missing', '/nope']) {
      expect(document!.lookup.locate(pointer)).toEqual(full.lookup.locate(pointer));
    }
  });
});
