import { describe, expect, it } from 'vitest';
import { extractExpressions } from '../../../src/validation/expressions.js';

const roots = (text: string) => extractExpressions(text).map((e) => [e.root, e.field]);

describe('extractExpressions', () => {
  it('finds every expression with its root and workflow field', () => {
    expect(roots('Hello ${workflow.input.name}, order ${fetch_ref.output.body.id}!')).toEqual([
      ['workflow', 'input'],
      ['fetch_ref', undefined],
    ]);
  });

  it('reads bracket paths and a leading $.', () => {
    expect(roots("${task['output']} ${$.other.output} ${ workflow.variables['a.b'] }")).toEqual([
      ['task', undefined],
      ['other', undefined],
      ['workflow', 'variables'],
    ]);
  });

  it('skips $${ escapes and treats nested expressions as dynamic outer paths', () => {
    expect(roots('$${literal} ${workflow.input.${workflow.input.key}}')).toEqual([
      ['workflow', 'input'],
      ['workflow', 'input'],
    ]);
    expect(roots('${${workflow.input.ref}.output}')).toEqual([
      [undefined, undefined],
      ['workflow', 'input'],
    ]);
  });

  it('ignores an unterminated expression', () => {
    expect(roots('${workflow.input.x')).toEqual([]);
  });
});
