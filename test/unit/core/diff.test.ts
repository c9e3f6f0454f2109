import { describe, expect, it } from 'vitest';
import { changedFieldPaths, diffBodies, pointerToFieldPath } from '../../../src/core/diff.js';
import { deepFreeze } from '../../helpers/builders.js';

describe('diffBodies', () => {
  it('is an RFC 6902 patch from before to after', () => {
    expect(diffBodies({ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 }, d: true })).toEqual([
      { op: 'replace', path: '/b/c', value: 3 },
      { op: 'add', path: '/d', value: true },
    ]);
  });

  it('treats an absent side as {}', () => {
    expect(diffBodies(undefined, { a: 1 })).toEqual([{ op: 'add', path: '/a', value: 1 }]);
    expect(diffBodies({ a: 1 }, undefined)).toEqual([{ op: 'remove', path: '/a' }]);
  });

  it('is empty for equal bodies and does not mutate them', () => {
    const body = deepFreeze({ a: [1, { b: 2 }] });
    expect(diffBodies(body, { a: [1, { b: 2 }] })).toEqual([]);
  });
});

describe('field paths', () => {
  it('turns pointers into dotted paths with [index] and unescapes ~1 and ~0', () => {
    expect(pointerToFieldPath('/inputParameters/token')).toBe('inputParameters.token');
    expect(pointerToFieldPath('/joinOn/1')).toBe('joinOn[1]');
    expect(pointerToFieldPath('/metadata/conductor-gitops~1managed')).toBe('metadata.conductor-gitops/managed');
    expect(pointerToFieldPath('/a~0b')).toBe('a~b');
  });

  it('lists distinct sorted paths', () => {
    expect(
      changedFieldPaths([
        { op: 'replace', path: '/b', value: 1 },
        { op: 'add', path: '/a/x', value: 1 },
        { op: 'replace', path: '/b', value: 2 },
      ]),
    ).toEqual(['a.x', 'b']);
  });
});
