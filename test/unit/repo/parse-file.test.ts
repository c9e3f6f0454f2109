import { describe, expect, it } from 'vitest';
import { formatOf, parseDefinitionText, type FileFormat } from '../../../src/repo/parse-file.js';

function parse(text: string, format: FileFormat = 'json') {
  return parseDefinitionText(text, { file: 'defs/x.' + format, format });
}

describe('parseDefinitionText: malformed input gives one diagnostic with a position', () => {
  it.each([
    ['truncated JSON', '{\n  "name": "a",\n  "tasks": [\n', 4, 1, /end of the file/],
    ['missing value', '{\n  "name":\n}', 3, 1, /expected a value, found '}'/],
    ['missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected ',' or '}'/],
    ['stray comma after the document', '{"name": "a"},', 1, 14, /after the end/],
    ['trailing comma', '{"name": "a",}', 1, 13, /trailing ','/],
    ['unterminated string', '{"name": "a}', 1, 10, /unterminated string/],
  ])('%s', (_label, text, line, column, message) => {
    const { value, diagnostics } = parse(text);
    expect(value).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'DEF_SYNTAX', file: 'defs/x.json', line, column });
    expect(diagnostics[0]!.message).toMatch(message);
  });

  it('reports tabs used as YAML indentation at their line', () => {
    const { diagnostics } = parse('name: a\ntasks:\n\t- name: b\n', 'yaml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'DEF_SYNTAX', line: 3, column: 1 });
    expect(diagnostics[0]!.message).toMatch(/tab/i);
  });

  it('reports duplicate keys', () => {
    const { diagnostics } = parse('name: a\nname: b\n', 'yaml');
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'DEF_DUPLICATE_KEY', line: 2 })]);
  });

  it('warns about an empty file', () => {
    expect(parse('  \n', 'yaml').diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'DEF_EMPTY_FILE', line: 1 })]);
    expect(parse('---\n---\n', 'yaml').diagnostics).toEqual([expect.objectContaining({ code: 'DEF_EMPTY_FILE' })]);
  });
});

describe('parseDefinitionText: valid input', () => {
  it('accepts a UTF-8 BOM', () => {
    const { value, diagnostics } = parse('\uFEFF{"name": "x", "retryCount": 1}');
    expect(diagnostics).toEqual([]);
    expect(value[0]!.value).toEqual({ name: 'x', retryCount: 1 });
    expect(value[0]!.lookup.locate('/retryCount')).toEqual({ line: 1, column: 15 });
  });

  it('splits a YAML stream into documents with their own positions', () => {
    const { value, diagnostics } = parse('name: a\n---\nname: b\ntasks:\n  - name: x\n    type: SIMPLE\n', 'yaml');
    expect(diagnostics).toEqual([]);
    expect(value.map((d) => [d.index, d.line])).toEqual([[0, 1], [1, 3]]);
    expect(value[1]!.lookup.locate('/tasks/0/type')).toEqual({ line: 6, column: 5 });
    expect(value[1]!.lookup.locate('/tasks/0')).toEqual({ line: 5, column: 5 });
  });

  it('locates a missing member at its nearest existing ancestor', () => {
    const { value } = parse('[\n  {"name": "a"},\n  {\n    "name": "b"\n  }\n]');
    expect(value[0]!.lookup.locate('/1/name')).toEqual({ line: 4, column: 5 });
    expect(value[0]!.lookup.locate('/1/tasks/3/x')).toEqual({ line: 3, column: 3 });
  });

  it('escapes pointer tokens', () => {
    const { value } = parse('{"a/b": {"c~d": 1}}');
    expect(value[0]!.lookup.locate('/a~1b/c~0d')).toEqual({ line: 1, column: 10 });
  });
});

describe('formatOf', () => {
  it('knows definition file extensions', () => {
    expect([formatOf('a.json'), formatOf('a.YAML'), formatOf('a.yml'), formatOf('README.md')]).toEqual(['json', 'yaml', 'yaml', undefined]);
  });
});

describe('parseDefinitionText: YAML conveniences', () => {
  it('resolves anchors, aliases and merge keys', () => {
    const text = 'x-defaults: &defaults\n  retryCount: 5\n  timeoutSeconds: 60\nname: merged\n<<: *defaults\ntimeoutSeconds: 30\n';
    const { value, diagnostics } = parseDefinitionText(text, { file: 'm.yaml', format: 'yaml' });
    expect(diagnostics).toEqual([]);
    expect(value[0]!.value).toMatchObject({ name: 'merged', retryCount: 5, timeoutSeconds: 30 });
  });
});
