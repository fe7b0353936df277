import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '@synth/core';
import type { Backend } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { referenceLinearSumAssignment } from '../assignment/reference-linear-sum-assignment';
import { meanCorrelationCoefficient } from '../mean-correlation-coefficient';
import { denseMatching } from './dense-matching';
import type { Matching } from './dense-matching';
import { readHostRows } from './host-rows';
import type { HostRows } from './host-rows';
import { prunedMatching } from './pruned-matching';
import { referenceMeanCorrelationCoefficient } from './reference-mcc';
import { exactAbsCosine } from './row-products';

const backends = await loadTestBackends();

/** How each row of `a` relates to the rows of `b`. */
type RowKind = 'copy' | 'duplicate' | 'random' | 'zero' | 'mixture';

/**
 * `a` (`rows × width`) against `b` (`columns × width`, Gaussian): a noisy copy of a distinct row
 * of `b`, a noisy copy of a row another row also copies (a shared best column), a random row, a
 * zero row, or a mix of several rows of `b` (many similar candidates).
 */
function plantedCase(seed: number, kinds: readonly RowKind[], columns: number, width: number, noise: number): { a: Float32Array; b: Float32Array } {
  const rng = Rng.fromSeed(seed).split('pruned-matching');
  const rows = kinds.length;
  const b = rng.fillNormal(new Float32Array(columns * width));
  const a = new Float32Array(rows * width);
  const targets = rng.sampleWithoutReplacement(columns, rows);
  const gaussian = new Float32Array(width);
  kinds.forEach((kind, i) => {
    rng.fillNormal(gaussian);
    const row = a.subarray(i * width, (i + 1) * width);
    const add = (j: number, weight: number): void => {
      for (let l = 0; l < width; l++) row[l]! += weight * b[j * width + l]!;
    };
    if (kind === 'zero') return;
    if (kind === 'random') row.set(gaussian);
    else if (kind === 'mixture') for (let q = 0; q < 10; q++) add(targets[(i + q) % rows]!, 1);
    else add(targets[kind === 'duplicate' && i > 0 ? i - 1 : i]!, 1);
    if (kind !== 'random') for (let l = 0; l < width; l++) row[l]! += noise * gaussian[l]!;
  });
  return { a, b };
}

function hostRows(backend: Backend, data: Float32Array, rows: number, width: number): HostRows {
  const tensor = backend.tf.tensor2d(data, [rows, width]);
  try {
    return readHostRows(tensor)!;
  } finally {
    tensor.dispose();
  }
}

/** The exact cost matrix `fround(1 − |cos|)` with float64 cosines, as the pruned path defines it. */
function exactCosts(a: HostRows, b: HostRows): Float32Array {
  const cost = new Float32Array(a.count * b.count);
  for (let i = 0; i < a.count; i++) for (let j = 0; j < b.count; j++) cost[i * b.count + j] = 1 - exactAbsCosine(a, i, b, j);
  return cost;
}

/**
 * `matching` is a valid assignment whose total equals the optimum of the exact matrix. Rows
 * computed in full carry float32 matmul cosines, each within (d + 6)·ε of the float64 one.
 */
function expectOptimal(matching: Matching, a: HostRows, b: HostRows, epsilon: number): void {
  const cost = exactCosts(a, b);
  const entryTolerance = (a.width + 6) * epsilon;
  expect(new Set(matching.columnForRow).size).toBe(a.count);
  let total = 0;
  for (let i = 0; i < a.count; i++) {
    const j = matching.columnForRow[i]!;
    expect(j >= 0 && j < b.count).toBe(true);
    expect(Math.abs(matching.costs[i]! - cost[i * b.count + j]!)).toBeLessThanOrEqual(entryTolerance);
    total += matching.costs[i]!;
  }
  const optimum = referenceLinearSumAssignment(cost, a.count, b.count).totalCost;
  expect(Math.abs(total - optimum)).toBeLessThanOrEqual(2 * a.count * entryTolerance);
}

const kindArbitrary = fc.constantFrom<RowKind>('copy', 'copy', 'copy', 'duplicate', 'random', 'zero', 'mixture');

describe.each(backends.map((b) => [b.name, b] as const))('prunedMatching on %s', (_name, backend) => {
  it('is an exact optimum for any mix of copies, shared partners, random, zero and mixed rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(kindArbitrary, { minLength: 1, maxLength: 16 }),
        fc.integer({ min: 0, max: 24 }),
        fc.constantFrom(16, 24, 40),
        fc.constantFrom(0.02, 0.25, 1),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 8, max: 32 }),
        fc.integer({ min: 0, max: 10_000 }),
        async (kinds, extraColumns, width, noise, blockRows, maxExactPerRow, seed) => {
          const columns = kinds.length + extraColumns;
          const data = plantedCase(seed, kinds, columns, width, noise);
          const [a, b] = [hostRows(backend, data.a, kinds.length, width), hostRows(backend, data.b, columns, width)];
          // Told that any work is worth it and any number of rows may be computed in full, it
          // must always finish, and finish with the optimum.
          const options = { blockRows, maxExactPerRow, probeRows: 4, maxPredictedWork: Infinity, maxFullRowFraction: 1, maxSolves: kinds.length + 1 };
          const matching = await expectNoTensorLeak(backend, () => prunedMatching(backend, a, b, options));
          expect(matching).not.toBeNull();
          expectOptimal(matching!, a, b, backend.epsilon);
        },
      ),
      { numRuns: 60 },
    );
  });

  describe('at 256 × 4096 × 64 (past the size where the public function prunes)', () => {
    const [rows, columns, width] = [256, 4096, 64];
    const kinds = Array.from({ length: rows }, (_, i): RowKind => (i % 16 === 5 ? 'duplicate' : i % 32 === 7 ? 'random' : 'copy'));
    const planted = plantedCase(5, kinds, columns, width, 0.25);

    it('proves the planted matching with default settings, through shared partners and random rows', () => {
      const [a, b] = [hostRows(backend, planted.a, rows, width), hostRows(backend, planted.b, columns, width)];
      const matching = prunedMatching(backend, a, b, { blockRows: 100 });
      expect(matching).not.toBeNull();
      expectOptimal(matching!, a, b, backend.epsilon);
    });

    it('declines random inputs, which the bound cannot separate', () => {
      const rng = Rng.fromSeed(6).split('random');
      const [a, b] = [hostRows(backend, rng.fillNormal(new Float32Array(rows * width)), rows, width), hostRows(backend, rng.fillNormal(new Float32Array(columns * width)), columns, width)];
      expect(prunedMatching(backend, a, b, { blockRows: 128 })).toBeNull();
      expectOptimal(denseMatching(backend, a, b, 128), a, b, backend.epsilon);
    });

    it('meanCorrelationCoefficient agrees with the straightforward reference both ways round', () => {
      const { tf } = backend;
      const [a, b] = [tf.tensor2d(planted.a, [rows, width]), tf.tensor2d(planted.b, [columns, width])];
      const reference = referenceMeanCorrelationCoefficient(backend, a, b);
      // Each matched cosine differs by at most (d + 6)·ε between float64 and a float32 matmul.
      const tolerance = 2 * (width + 6) * backend.epsilon;
      expect(Math.abs(meanCorrelationCoefficient(backend, a, b) - reference)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(meanCorrelationCoefficient(backend, b, a, { blockRows: 64 }) - reference)).toBeLessThanOrEqual(tolerance);
      tf.dispose([a, b]);
    });
  });
});
