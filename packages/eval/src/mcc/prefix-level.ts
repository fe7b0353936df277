/**
 * Choosing the prefix length `k` of the pruned MCC (see `pruned-matching.ts`): each candidate
 * length is tried on a probe of evenly spaced rows, and the one that predicts the least work
 * wins, or none when the dense matrix would be cheaper.
 */
import type { Backend } from '@synth/core';
import type { HostRows } from './host-rows';
import { suffixNorms, unitRowsAt } from './host-rows';
import { exactAbsCosine, prefixProducts } from './row-products';
import type { PrefixProducts } from './row-products';
import { createRowScanner } from './row-scan';

/** Tuning of `prunedMatching`; none of it affects the result, only the work. */
export interface PruningOptions {
  /** Rows of `a` per backend matmul. */
  readonly blockRows: number;
  /** Prefix lengths tried, as fractions of the width, increasing. Default 1/8, 1/4, 1/2. */
  readonly prefixFractions?: readonly number[];
  /** Rows probed to choose the prefix length. Default 64. */
  readonly probeRows?: number;
  /** Exact cosines per row before the row is computed in full instead. Default 32. */
  readonly maxExactPerRow?: number;
  /** Most rows computed in full (a fraction of all rows) before giving up. Default 1/4. */
  readonly maxFullRowFraction?: number;
  /** Most solves of the bounded matrix before giving up. Default 8. */
  readonly maxSolves?: number;
  /** Give up when the probe predicts more than this fraction of the dense work. Default 0.6. */
  readonly maxPredictedWork?: number;
}

/**
 * Time of one exact host cosine relative to one entry of a backend matmul row (d multiply-adds
 * each): ~1.5 µs for d = 768 in plain JS against 29 GFLOP/s on wasm is ~50.
 */
const HOST_DOT_COST = 50;

/** A prefix length with its products (uploaded; the caller disposes them), tail norms and margin. */
export interface Level {
  readonly prefix: number;
  readonly products: PrefixProducts;
  readonly columnSuffixNorms: Float64Array;
  readonly margin: number;
}

function makeLevel(backend: Backend, b: HostRows, prefix: number): Level {
  // Rounding of P (inner size k, operands rounded once each), of a float32 matmul cosine (inner
  // size d) and of r·s in float64: see `pruned-matching.ts`.
  const margin = 1.01 * (prefix + b.width + 6) * backend.epsilon + 1e-12;
  return { prefix, products: prefixProducts(backend, b, prefix), columnSuffixNorms: suffixNorms(b, prefix), margin };
}

/** Median of `values` (a copy is sorted). */
function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted.length === 0 ? 0 : sorted[sorted.length >> 1]!;
}

/**
 * Chooses the prefix length whose probe predicts the least work, or null when none is worth it.
 * Predicted work, as a fraction of the dense matmul: `k/d` for the prefix products, plus one full
 * row per failed row, plus the exact host cosines.
 *
 * @example
 * ```ts
 * const level = chooseLevel(backend, a, b, { blockRows: 512 }); // k = d/8 for a planted SAE
 * level?.products.dispose();
 * ```
 */
export function chooseLevel(backend: Backend, a: HostRows, b: HostRows, options: PruningOptions): Level | null {
  const fractions = options.prefixFractions ?? [1 / 8, 1 / 4, 1 / 2];
  const maxExact = options.maxExactPerRow ?? 32;
  const probeCount = Math.min(a.count, options.probeRows ?? 64);
  const probe = Int32Array.from({ length: probeCount }, (_, t) => Math.floor((t * a.count) / probeCount));
  const columnSample = Int32Array.from({ length: Math.min(b.count, 256) }, (_, t) => Math.floor((t * b.count) / Math.min(b.count, 256)));
  // The largest |cos| seen so far in each probe row (a lower bound on the row's best).
  const bestSeen = new Float64Array(probeCount).fill(-1);
  let chosen: Level | null = null;
  let chosenWork = options.maxPredictedWork ?? 0.6;
  for (const fraction of fractions) {
    const prefix = Math.min(a.width - 1, Math.max(1, Math.ceil(a.width * fraction)));
    if (prefix / a.width >= chosenWork) break;
    const rowSuffixNorms = suffixNorms(a, prefix, probe);
    // Typical tail term r·s of this prefix: where it alone exceeds the best |cos| already found in
    // most probe rows (random data after the first level), the bound cannot separate them; skip.
    const typicalColumnTail = median(suffixNorms(b, prefix, columnSample));
    let hopeless = 0;
    for (let t = 0; t < probeCount; t++) if (bestSeen[t]! >= 0 && rowSuffixNorms[t]! * typicalColumnTail > bestSeen[t]!) hopeless++;
    if (2 * hopeless > probeCount) continue;
    const level = makeLevel(backend, b, prefix);
    const scan = createRowScanner(level.columnSuffixNorms, level.margin, maxExact);
    const block = level.products.multiply(unitRowsAt(a, probe, prefix), probeCount);
    let failed = 0;
    let dots = 0;
    for (let t = 0; t < probeCount; t++) {
      const i = probe[t]!;
      const record = (_j: number, cosine: number): void => {
        dots++;
        if (cosine > bestSeen[t]!) bestSeen[t] = cosine;
      };
      if (!scan(block, t * b.count, rowSuffixNorms[t]!, (j) => exactAbsCosine(a, i, b, j), record).certified) failed++;
    }
    const work = prefix / a.width + failed / probeCount + (dots / probeCount) * (HOST_DOT_COST / b.count);
    if (work < chosenWork) {
      chosen?.products.dispose();
      chosen = level;
      chosenWork = work;
    } else {
      level.products.dispose();
    }
  }
  return chosen;
}

