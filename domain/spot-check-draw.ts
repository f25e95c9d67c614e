// 第二十七条第二款 抽查: the random draw of a spot-check plan, reproducible by anyone from what is
// recorded — the seed and the population in its order — so nobody can say it was picked by hand.
//
// The method, in full (a verifier can write it again in any language):
// 1. The population is the ids (UUIDs, lower case) of the officers or agencies, sorted ascending by
//    code point; its fingerprint is SHA-256 (hex) of the ids joined by "\n".
// 2. The random stream: block k (k = 0, 1, 2, …) is SHA-256 of the UTF-8 text `${seed}:${k}`; each
//    block gives four unsigned 64-bit big-endian integers in order.
// 3. A number below n is drawn from the stream by rejection: take the next integer x; if
//    x ≥ floor(2^64 / n) · n take another; else the number is x mod n (no bias).
// 4. A partial Fisher–Yates shuffle: for i = 0 … m−1, j = i + (number below n − i), swap items i and
//    j; the sample is the first m items, in that order.
import { createHash, randomBytes } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The population in its drawn order and its fingerprint. */
export function orderPopulation(ids: readonly string[]): { ids: string[]; sha256: string } {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ids: sorted, sha256: populationSha256(sorted) };
}

export const populationSha256 = (ordered: readonly string[]) =>
  createHash('sha256').update(ordered.join('\n'), 'utf8').digest('hex');

/** A fresh seed from the system's cryptographic randomness (256 bits, hex). */
export const freshSeed = () => randomBytes(32).toString('hex');

/** Uniform integers from the seed's SHA-256 stream (step 2 and 3 above). */
export function seededStream(seed: string): (n: number) => number {
  let block = 0;
  let words: bigint[] = [];
  const next64 = (): bigint => {
    if (words.length === 0) {
      const b = sha256(`${seed}:${block++}`);
      words = [0, 8, 16, 24].map((o) => b.readBigUInt64BE(o));
    }
    return words.shift()!;
  };
  return (n: number) => {
    const N = BigInt(n);
    const limit = ((1n << 64n) / N) * N;
    for (;;) {
      const x = next64();
      if (x < limit) return Number(x % N);
    }
  };
}

/** The sample of `size` from the ordered population (step 4); all of it when smaller. */
export function drawSample(seed: string, orderedIds: readonly string[], size: number): string[] {
  const a = [...orderedIds];
  const m = Math.min(size, a.length);
  const below = seededStream(seed);
  for (let i = 0; i < m; i++) {
    const j = i + below(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, m);
}

export interface DrawCheck {
  /** The recorded population is in the method's order and has the recorded fingerprint. */
  populationMatches: boolean;
  /** Drawing again from the seed gives the recorded sample. */
  sampleMatches: boolean;
  recomputedSample: string[];
}

/** Recomputes a recorded draw. */
export function verifyDraw(recorded: {
  seed: string;
  populationIds: readonly string[];
  populationSha256: string;
  sampleSize: number;
  sampleIds: readonly string[];
}): DrawCheck {
  const recomputedSample = drawSample(recorded.seed, recorded.populationIds, recorded.sampleSize);
  const ordered = orderPopulation(recorded.populationIds).ids;
  return {
    // The same length too: a duplicated id (drawn twice as likely) is not the method's population.
    populationMatches:
      populationSha256(recorded.populationIds) === recorded.populationSha256 &&
      ordered.length === recorded.populationIds.length &&
      ordered.every((id, i) => id === recorded.populationIds[i]),
    sampleMatches:
      recomputedSample.length === recorded.sampleIds.length &&
      recomputedSample.every((id, i) => id === recorded.sampleIds[i]),
    recomputedSample,
  };
}
