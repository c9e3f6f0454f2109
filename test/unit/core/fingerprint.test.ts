import { describe, expect, it } from 'vitest';
import { ABSENT_FINGERPRINT, computeDigest, computeFingerprints, findStaleKeys, hashText } from '../../../src/core/fingerprint.js';
import { state, taskDef, withBody, workflowDef } from '../../helpers/builders.js';

describe('fingerprints', () => {
  it('hashText is 64-bit FNV-1a over UTF-8 (published test vectors)', () => {
    expect(hashText('')).toBe('fnv1a64:cbf29ce484222325');
    expect(hashText('a')).toBe('fnv1a64:af63dc4c8601ec8c');
    expect(hashText('foobar')).toBe('fnv1a64:85944171f73967e8');
    expect(hashText('é')).not.toBe(hashText('e'));
  });

  it('ignores key order and defaults (fingerprints are over normalized bodies)', () => {
    const a = state(taskDef({ name: 't', retryCount: 3, description: 'x' }));
    const b = state(taskDef({ description: 'x', name: 't', createTime: 99 } as never));
    expect(computeFingerprints(a, ['taskDef/t'])).toEqual(computeFingerprints(b, ['taskDef/t']));
  });

  it('marks absent keys and sorts ids', () => {
    const record = computeFingerprints(state(workflowDef({ name: 'w' })), ['workflowDef/w@1', { kind: 'taskDef', name: 'nope' }]);
    expect(Object.keys(record)).toEqual(['taskDef/nope', 'workflowDef/w@1']);
    expect(record['taskDef/nope']).toBe(ABSENT_FINGERPRINT);
  });

  it('the digest is order-independent and changes with any entry', () => {
    expect(computeDigest({ a: '1', b: '2' })).toBe(computeDigest({ b: '2', a: '1' }));
    expect(computeDigest({ a: '1', b: '2' })).not.toBe(computeDigest({ a: '1', b: '3' }));
  });

  it('findStaleKeys names what changed on the server since the record', () => {
    const before = state(taskDef({ name: 'a' }), taskDef({ name: 'b' }));
    const recorded = computeFingerprints(before, ['taskDef/a', 'taskDef/b', 'taskDef/c']);
    expect(findStaleKeys(recorded, before)).toEqual([]);
    const after = state(withBody(taskDef({ name: 'a' }), { retryCount: 1 }), taskDef({ name: 'b' }), taskDef({ name: 'c' }));
    expect(findStaleKeys(recorded, after)).toEqual(['taskDef/a', 'taskDef/c']);
  });
});
