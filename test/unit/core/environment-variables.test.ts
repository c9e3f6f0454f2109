import { describe, expect, it } from 'vitest';
import { findVariableReferences, substituteVariables } from '../../../src/core/environment-variables.js';
import { applyMergePatch } from '../../../src/core/environment-merge-patch.js';

describe('substituteVariables', () => {
  const variables = { httpBaseUrl: 'https://api.example.com', retries: 5, enabled: true };

  it('replaces references inside strings and keeps the type of a whole-string reference', () => {
    const input = { uri: '((httpBaseUrl))/orders', retryCount: '((retries))', on: '((enabled))', n: 3 };
    const result = substituteVariables(input, variables);
    expect(result.value).toEqual({ uri: 'https://api.example.com/orders', retryCount: 5, on: true, n: 3 });
    expect(result.undefinedVariables).toEqual([]);
    expect([...result.usedVariables].sort()).toEqual(['enabled', 'httpBaseUrl', 'retries']);
  });

  it('never touches Conductor expressions, jq or JavaScript parentheses', () => {
    const input = {
      a: '${workflow.input.orderId}',
      b: '{{template}}',
      c: 'if ((x + 1) > 2) return ((y))+1;'.replace('((y))', '(( y ))'),
      d: '(( .tool.content | tojson)[0:12])',
      e: '$.joinOn.forEach((element)=>{})',
    };
    const result = substituteVariables(input, variables);
    expect(result.value).toEqual(input);
    expect(result.undefinedVariables).toEqual([]);
  });

  it('reports undefined variables with the JSON pointer of the string', () => {
    const result = substituteVariables({ tasks: [{ inputParameters: { 'http/uri': '((missing))/x' } }] }, variables);
    expect(result.undefinedVariables).toEqual([{ name: 'missing', pointer: '/tasks/0/inputParameters/http~1uri' }]);
    expect(result.value).toEqual({ tasks: [{ inputParameters: { 'http/uri': '((missing))/x' } }] });
  });

  it('treats \\((name)) as the literal text ((name))', () => {
    const result = substituteVariables({ a: 'literal \\((httpBaseUrl)) and ((httpBaseUrl))', b: '\\((undefinedOne))' }, variables);
    expect(result.value).toEqual({ a: 'literal ((httpBaseUrl)) and https://api.example.com', b: '((undefinedOne))' });
    expect(result.undefinedVariables).toEqual([]);
  });

  it('does not substitute object keys and does not rescan substituted values', () => {
    const result = substituteVariables({ '((httpBaseUrl))': '((loop))' }, { loop: '((loop))' });
    expect(result.value).toEqual({ '((httpBaseUrl))': '((loop))' });
  });

  it('does not mutate its input', () => {
    const input = { a: ['((retries))'] };
    substituteVariables(input, variables);
    expect(input).toEqual({ a: ['((retries))'] });
  });

  it('finds references, escaped ones marked', () => {
    expect(findVariableReferences('x ((a)) \\((b)) ((c d)) ((1x))')).toEqual([
      { name: 'a', isEscaped: false, index: 2 },
      { name: 'b', isEscaped: true, index: 8 },
    ]);
  });
});

describe('applyMergePatch (RFC 7386)', () => {
  // Test cases from RFC 7386 appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('does not mutate target or patch, and keeps __proto__ as data', () => {
    const target = { a: { b: 1 } };
    const patch = JSON.parse('{"a":{"c":2},"__proto__":{"polluted":true}}') as unknown;
    const result = applyMergePatch(target, patch) as Record<string, unknown>;
    expect(target).toEqual({ a: { b: 1 } });
    expect(result['a']).toEqual({ b: 1, c: 2 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});
