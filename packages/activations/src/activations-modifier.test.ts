import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, createSparseRows, sparseRowsToDense } from '@synth/core';
import type { SparseRows } from '@synth/core';
import { ActivationGenerator } from './activation-generator';
import type { ActivationsModifier, ModifierContext } from './activations-modifier';
import { normalizeModifiers } from './activations-modifier';

const context: ModifierContext = { rng: Rng.fromSeed(0), firstRow: 0, backend: undefined };
const batch = createSparseRows(1, 3, new Int32Array([0, 2]), new Int32Array([0, 2]), new Float32Array([1, 2]));
const withValues = (b: SparseRows, f: (v: number) => number): SparseRows => ({ ...b, values: b.values.map(f) });

describe('normalizeModifiers', () => {
  it('follows SAELens: none for null, undefined and [], the same function for f and [f]', () => {
    const f: ActivationsModifier = (b) => b;
    expect([normalizeModifiers(null), normalizeModifiers(undefined), normalizeModifiers([])]).toEqual([null, null, null]);
    expect(normalizeModifiers(f)).toBe(f);
    expect(normalizeModifiers([f])).toBe(f);
  });

  it('composes longer lists left to right (property over affine maps)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })), { minLength: 2, maxLength: 6 }), (maps) => {
        const modifiers = maps.map(([a, c]): ActivationsModifier => (b) => withValues(b, (v) => a * v + c));
        const expected = maps.reduce<number[]>((values, [a, c]) => values.map((v) => a * v + c), [1, 2]);
        expect(Array.from(normalizeModifiers(modifiers)!(batch, context).values)).toEqual(expected);
      }),
    );
  });
});

describe('modifiers inside ActivationGenerator', () => {
  const options = { numFeatures: 4, firingProbabilities: [1, 1, 0.5, 0], meanFiringMagnitudes: [1, 2, 3, 4], seed: 1 } as const;

  it('applies them left to right and then a ReLU that keeps the new zeros stored', () => {
    const subtract: ActivationsModifier = (b) => withValues(b, (v) => v - 2);
    const double: ActivationsModifier = (b) => withValues(b, (v) => 2 * v);
    const plain = new ActivationGenerator(options).sampleSparse(64);
    const modified = new ActivationGenerator({ ...options, modifyActivations: [subtract, double] }).sampleSparse(64);
    expect(modified.columnIndices).toEqual(plain.columnIndices);
    expect(Array.from(modified.values)).toEqual(Array.from(plain.values, (v) => Math.max(0, 2 * (v - 2))));
    // Column 0 had value 1: (1 − 2)·2 < 0 becomes a stored 0.
    expect(modified.values[0]).toBe(0);
  });

  it('passes the absolute first row and one stream for every batch', () => {
    const seen: { firstRow: number; word: number }[] = [];
    const record: ActivationsModifier = (b, ctx) => {
      seen.push({ firstRow: ctx.firstRow, word: ctx.rng.clone().nextUint32() });
      return b;
    };
    const generator = new ActivationGenerator({ ...options, modifyActivations: record });
    generator.sampleSparse(10);
    generator.sampleSparse(5);
    expect(seen.map((s) => s.firstRow)).toEqual([0, 10]);
    expect(seen[0]!.word).toBe(seen[1]!.word);
  });

  it('rejects a modifier that returns the wrong thing, without moving the stream', () => {
    const generator = new ActivationGenerator({ ...options, modifyActivations: () => undefined as unknown as SparseRows });
    expect(() => generator.sampleSparse(3)).toThrow(/modifyActivations must return a sparse batch/);
    expect(generator.rowsSampled).toBe(0);
    const unsorted: ActivationsModifier = (b) => ({ ...b, columnIndices: b.columnIndices.slice().reverse() });
    expect(() => new ActivationGenerator({ ...options, modifyActivations: unsorted }).sampleSparse(3)).toThrow(/Invalid columnIndices/);
  });

  it('lets a modifier add entries (dense view stays consistent)', () => {
    const addLast: ActivationsModifier = (b) => {
      const rowOffsets = Int32Array.from(b.rowOffsets, (o, r) => o + r);
      const columnIndices: number[] = [];
      const values: number[] = [];
      for (let r = 0; r < b.rows; r++) {
        for (let k = b.rowOffsets[r]!; k < b.rowOffsets[r + 1]!; k++) {
          columnIndices.push(b.columnIndices[k]!);
          values.push(b.values[k]!);
        }
        columnIndices.push(3);
        values.push(-5);
      }
      return { ...b, rowOffsets, columnIndices: Int32Array.from(columnIndices), values: Float32Array.from(values) };
    };
    const out = new ActivationGenerator({ ...options, modifyActivations: addLast }).sampleSparse(8);
    const dense = sparseRowsToDense(out);
    for (let r = 0; r < 8; r++) expect(dense[r * 4 + 3]).toBe(0);
    expect(out.values.length).toBe(new ActivationGenerator(options).sampleSparse(8).values.length + 8);
  });
});
