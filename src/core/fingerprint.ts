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

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** `fnv1a64:<16 hex digits>` of the text's UTF-8 bytes. */
export function hashText(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return `fnv1a64:${hash.toString(16).padStart(16, '0')}`;
}

/** Fingerprint of a body after normalization (so key order and defaults do not matter). */
export function fingerprintBody(kind: ResourceKind, body: JsonObject): string {
  return hashText(canonicalJson(normalize(kind, body)));
}

/**
 * Fingerprint of each key's normalized body in `actual` (ABSENT_FINGERPRINT when missing),
 * keyed by key id in sorted order, so equal inputs serialize identically.
 */
export function computeFingerprints(actual: State, keys: Iterable<ResourceKey | string>): Record<string, string> {
  const ids = new Set<string>();
  for (const key of keys) ids.add(typeof key === 'string' ? key : keyId(key));
  const out: Record<string, string> = {};
  for (const id of [...ids].sort(compareCodePoints)) {
    const resource = actual.get(id);
    out[id] = resource ? fingerprintBody(resource.key.kind, resource.body) : ABSENT_FINGERPRINT;
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
