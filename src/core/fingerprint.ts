/**
 * Fingerprints: short stable hashes of normalized bodies. A saved plan records one per touched
 * resource (Plan.actualFingerprint) so `apply plan.json` can tell whether the server changed
 * since the plan was made. Pure: a 64-bit FNV-1a over the UTF-8 of canonical JSON; no
 * node:crypto in core. Not a security hash; it detects change, not tampering.
 */
import { keyId, type JsonObject, type ResourceKey, type ResourceKind, type State } from './model.js';
import { normalize } from './normalize.js';
import { canonicalJson, compareCodePoints } from './normalize-json.js';

/** Recorded for a key the server did not hold when the plan was made. */
export const ABSENT_FINGERPRINT = 'absent';

const encoder = new TextEncoder();

/**
 * `fnv1a64:<16 hex digits>` of the text's UTF-8 bytes. The 64-bit state is kept as four
 * 16-bit limbs (h0 lowest) so the multiply stays in small integers, not BigInt; the output is
 * bit-for-bit the classic FNV-1a 64 (offset 0xcbf29ce484222325, prime 0x100000001b3 = 2^40 + 0x1b3),
 * so fingerprints recorded on servers by earlier versions still compare equal.
 */
export function hashText(text: string): string {
  // ASCII (canonical JSON mostly is) is hashed straight from the string, without encoding it.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  const bytes = ascii ? undefined : encoder.encode(text);
  const length = bytes ? bytes.length : text.length;
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < length; i++) {
    h0 ^= bytes ? bytes[i]! : text.charCodeAt(i);
    // hash * (2^40 + 0x1b3) mod 2^64: limb k times 0x1b3, plus limb k-2 shifted left by 8 (2^40 = 2^32 * 2^8).
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, '0');
  return `fnv1a64:${hex(h3)}${hex(h2)}${hex(h1)}${hex(h0)}`;
}

/** Fingerprint of a body after normalization (so key order and defaults do not matter). */
export function fingerprintBody(kind: ResourceKind, body: JsonObject): string {
  return hashText(canonicalJson(normalize(kind, body)));
}

/**
 * Fingerprint of each key's normalized body in `actual` (ABSENT_FINGERPRINT when missing),
 * keyed by key id in sorted order, so equal inputs serialize identically.
 */
export function computeFingerprints(
  actual: State,
  keys: Iterable<ResourceKey | string>,
  /** Bodies of `actual` the caller already normalized, by key id (saves normalizing them again). */
  normalized?: ReadonlyMap<string, JsonObject>,
): Record<string, string> {
  const ids = new Set<string>();
  for (const key of keys) ids.add(typeof key === 'string' ? key : keyId(key));
  const out: Record<string, string> = {};
  for (const id of [...ids].sort(compareCodePoints)) {
    const resource = actual.get(id);
    const known = resource && normalized?.get(id);
    // A normalized body's keys are already in canonical order (normalize sorts them).
    out[id] = known ? hashText(JSON.stringify(known)) : resource ? fingerprintBody(resource.key.kind, resource.body) : ABSENT_FINGERPRINT;
  }
  return out;
}

/** One hash over a fingerprint record (order-independent). */
export function computeDigest(fingerprints: Readonly<Record<string, string>>): string {
  const lines = Object.keys(fingerprints)
    .sort(compareCodePoints)
    .map((id) => `${id}=${fingerprints[id] ?? ''}`);
  return hashText(lines.join('\n'));
}

/** Key ids whose fingerprint in `current` differs from the recorded one (empty = not stale). */
export function findStaleKeys(recorded: Readonly<Record<string, string>>, current: State): string[] {
  const now = computeFingerprints(current, Object.keys(recorded));
  return Object.keys(recorded)
    .sort(compareCodePoints)
    .filter((id) => now[id] !== recorded[id]);
}
