import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { readHostRows, suffixNorms, unitColumns, unitRowBlock, unitRowsAt } from './host-rows';
import type { HostRows } from './host-rows';

const backends = await loadTestBackends();
const backend = backends[0]!;

function rowsOf(values: Float32Array, count: number, width: number): HostRows {
  const tensor = backend.tf.tensor2d(values, [count, width]);
  try {
    return readHostRows(tensor)!;
  } finally {
    tensor.dispose();
  }
}

describe('host rows', () => {
  it('reads norms (zero rows divide by 1e-8 and stay zero) and refuses non-finite entries', () => {
    const rows = rowsOf(Float32Array.of(3, 4, 0, 0), 2, 2);
    expect(Array.from(rows.inverseNorms)).toEqual([0.2, 1e8]);
    expect(Array.from(unitRowBlock(rows, 0, 2, 2))).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const tensor = backend.tf.tensor2d([[1, bad], [0, 1]]);
      expect(readHostRows(tensor)).toBeNull();
      tensor.dispose();
    }
  });

  it('builds unit-row operands, transposed or not, and tail norms, for any shape and prefix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 70 }), fc.nat(1000), (count, width, seed) => {
        const values = Rng.fromSeed(seed).fillNormal(new Float32Array(count * width));
        const rows = rowsOf(values, count, width);
        const prefix = 1 + (seed % width);
        const unit = (i: number, l: number): number => Math.fround(values[i * width + l]! * rows.inverseNorms[i]!);
        const columns = unitColumns(rows, prefix);
        const block = unitRowBlock(rows, 0, count, prefix);
        for (let i = 0; i < count; i++) {
          for (let l = 0; l < prefix; l++) {
            expect(columns[l * count + i]).toBe(unit(i, l));
            expect(block[i * prefix + l]).toBe(unit(i, l));
          }
        }
        const picked = Int32Array.of(count - 1, 0);
        expect(Array.from(unitRowsAt(rows, picked, prefix))).toEqual([...block.subarray((count - 1) * prefix, count * prefix), ...block.subarray(0, prefix)]);
        const tails = suffixNorms(rows, prefix);
        expect(Array.from(suffixNorms(rows, prefix, picked))).toEqual([tails[count - 1], tails[0]]);
        for (let i = 0; i < count; i++) {
          let head = 0;
          for (let l = 0; l < prefix; l++) head += (values[i * width + l]! * rows.inverseNorms[i]!) ** 2;
          // Unit rows: ‖head‖² + ‖tail‖² = 1.
          expect(head + tails[i]! ** 2).toBeCloseTo(1, 12);
        }
      }),
      { numRuns: 40 },
    );
  });
});
