/**
 * The fast implementations of core helpers against the plain ones they replaced, on seeded
 * random values with the awkward cases (integer-like keys, -0, NaN, undefined members,
 * functions, non-ASCII): canonicalJson without a sorted copy, isJsonEqual without texts,
 * and hashText without BigInt.
 */
import { describe, expect, it } from 'vitest';
import { hashText } from '../../../src/core/fingerprint.js';
import { canonicalJson, isJsonEqual, sortKeysDeep } from '../../../src/core/normalize-json.js';

function randomSource(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const KEYS = ['a', 'b', 'B', '_', '10', '2', '0', '01', '4294967294', '4294967295', '-1', 'é', '', 'constructor', 'toJSONx'];
const PRIMITIVES: unknown[] = [1, -0, 0, NaN, Infinity, 's', '1', true, false, null, undefined, 1.5, () => 1];

function generator(random: () => number) {
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const gen = (depth: number): unknown => {
    const r = random();
    if (depth > 3 || r < 0.35) return pick(PRIMITIVES);
    if (r < 0.6) return Array.from({ length: Math.floor(random() * 3) }, () => gen(depth + 1));
    const out: Record<string, unknown> = {};
    for (let i = Math.floor(random() * 5); i > 0; i--) out[pick(KEYS)] = gen(depth + 1);
    return out;
  };
  /** A copy with keys in another order and, sometimes, a real difference. */
  const mutate = (value: unknown, depth: number): unknown => {
    if (random() < 0.15) return gen(depth);
    if (Array.isArray(value)) return value.map((item) => mutate(item, depth + 1));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).reverse()) out[key] = mutate((value as Record<string, unknown>)[key], depth + 1);
      if (random() < 0.1) out[pick(KEYS)] = undefined;
      return out;
    }
    return random() < 0.1 ? pick(PRIMITIVES) : value;
  };
  return { gen, mutate };
}

describe('core fast paths agree with the plain implementations', () => {
  it('canonicalJson equals JSON.stringify of a sorted copy', () => {
    const { gen } = generator(randomSource(7));
    for (let i = 0; i < 20000; i++) {
      const value = gen(0);
      const expected = JSON.stringify(sortKeysDeep(value)) ?? 'null';
      expect(canonicalJson(value)).toBe(expected);
      expect(canonicalJson(sortKeysDeep(value))).toBe(expected);
    }
  });

  it('isJsonEqual answers as comparing canonical texts', () => {
    const { gen, mutate } = generator(randomSource(11));
    let equal = 0;
    for (let i = 0; i < 20000; i++) {
      const a = gen(0);
      const b = mutate(a, 0);
      const expected = canonicalJson(a) === canonicalJson(b);
      if (expected) equal++;
      expect(isJsonEqual(a, b)).toBe(expected);
    }
    expect(equal).toBeGreaterThan(5000);
  });

  it('hashText is FNV-1a 64 of the UTF-8 bytes', () => {
    const reference = (text: string) => {
      let hash = 0xcbf29ce484222325n;
      for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return `fnv1a64:${hash.toString(16).padStart(16, '0')}`;
    };
    const random = randomSource(3);
    const samples = ['', 'a', 'foobar', '{"name":"x"}', 'héllo ✓ 𝄞', '\ud800 lone surrogate'];
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let n = Math.floor(random() * 80); n > 0; n--) text += String.fromCharCode(random() < 0.9 ? 32 + Math.floor(random() * 95) : Math.floor(random() * 0xffff));
      samples.push(text);
    }
    for (const text of samples) expect(hashText(text)).toBe(reference(text));
    expect(hashText('a')).toBe('fnv1a64:af63dc4c8601ec8c');
  });
});
