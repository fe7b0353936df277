/**
 * Parity with SAELens 6.35.0 (`sae_lens.synthetic` correlation functions and validators).
 *
 * The fixtures `src/__fixtures__/sae-lens-*.json` were written by
 * `scripts/fixtures/correlation_fixtures.py`, run through the fixture runner:
 *
 *     python3 scripts/fixtures/make_sae_lens_fixtures.py --only create-correlation-matrix \
 *       --only fix-correlation-matrix --only validate-correlation-matrix \
 *       --only validate-low-rank-correlation --only validate-correlation-params
 *
 * (each JSON records the versions under "generatedBy"). Matrices are compared at 1e-5 absolute:
 * SAELens computes in float32, synth in float64, and every entry here is at most 1 in size.
 * Validation: where SAELens raises ValueError, synth must throw a `ValidationError` whose message
 * contains SAELens's message; where SAELens accepts, synth must accept, except for the cases in
 * `STRICTER_*`, where synth deliberately rejects what SAELens lets through (asserted separately).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, ValidationError } from '@synth/core';
import type { DenseMatrix } from '@synth/core';
import { loadTestBackends } from '@synth/core/testing';
import { validateCorrelationParams } from './correlation-params';
import { createCorrelationMatrixFromCorrelations } from './create-correlation-matrix';
import type { CorrelationEntry } from './create-correlation-matrix';
import { fixCorrelationMatrix } from './fix-correlation-matrix';
import { correlationMatrixFromTensor, lowRankCorrelationFromTensors } from './from-tensors';
import { validateLowRankCorrelation } from './low-rank-correlation-matrix';
import { validateCorrelationMatrix } from './validate-correlation-matrix';

const TOLERANCE = 1e-5;

type Nested = number | Nested[];
interface Outcome { readonly raises: boolean; readonly message?: string }

function readFixture<T>(file: string): T {
  return (JSON.parse(readFileSync(new URL(`./__fixtures__/${file}`, import.meta.url), 'utf8')) as { cases: T }).cases;
}

const createCases = readFixture<{ name: string; numFeatures: number; correlations: [number, number, number][]; defaultCorrelation: number; repaired: boolean; expected: number[][] }[]>(
  'sae-lens-create-correlation-matrix.json',
);
const fixCases = readFixture<{ name: string; matrix: number[][]; minEigenvalue: number; expected: number[][]; expectedFloat64: number[][] }[]>(
  'sae-lens-fix-correlation-matrix.json',
);
const matrixCases = readFixture<({ name: string; numFeatures: number; shape: number[]; matrix: Nested } & Outcome)[]>('sae-lens-validate-correlation-matrix.json');
const lowRankCases = readFixture<({ name: string; numFeatures: number; factorShape: number[]; factor: Nested; diagShape: number[]; diag: Nested } & Outcome)[]>(
  'sae-lens-validate-low-rank-correlation.json',
);
const paramCases = readFixture<({ name: string; positiveRatio: number | string; uncorrelatedRatio: number | string; minCorrelationStrength: number | string; maxCorrelationStrength: number | string } & Outcome)[]>(
  'sae-lens-validate-correlation-params.json',
);

/** Cases SAELens accepts and synth rejects on purpose, with the error synth throws. */
const STRICTER_MATRIX: Record<string, RegExp> = {
  // torch's Cholesky reads only the lower triangle; synth requires symmetry (validate-correlation-matrix.ts @remarks).
  'asymmetric-lower-triangle-valid': /Correlation matrix must be symmetric/,
};
const STRICTER_LOW_RANK: Record<string, RegExp> = {
  // synth also checks the implied diagonal ‖F_i‖² + D_i = 1 (SPEC §5.9); SAELens does not.
  'implied-diagonal-not-1': /Low-rank correlation must have a unit diagonal: row 0/,
  // SAELens raises "correlation_diag must have all positive values" (D_2 = 0); synth checks row by
  // row and stops at row 0's implied diagonal first. Both reject; only the message differs.
  'implied-diagonal-not-1-then-diag-zero': /Low-rank correlation must have a unit diagonal: row 0/,
};
const STRICTER_PARAMS: Record<string, RegExp> = {
  // NaN fails every synth rule; SAELens's `nan < 0` and `nan > 1.0` are false (correlation-params.ts @remarks).
  'min-nan': /Invalid minCorrelationStrength/,
  'max-nan': /Invalid maxCorrelationStrength/,
};

const largestDifference = new Map<string, number>();
function compareMatrix(label: string, actual: DenseMatrix, expected: number[][]): void {
  expect([actual.rows, actual.columns]).toEqual([expected.length, expected[0]?.length ?? 0]);
  let worst = 0;
  expected.forEach((row, i) => row.forEach((value, j) => {
    worst = Math.max(worst, Math.abs(actual.data[i * actual.columns + j]! - value));
  }));
  largestDifference.set(label, Math.max(largestDifference.get(label) ?? 0, worst));
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
}
afterAll(() => {
  // SYNTH_PARITY_REPORT=1 prints the largest difference per function.
  if (process.env.SYNTH_PARITY_REPORT) console.log(Object.fromEntries(largestDifference));
});

function dense(rows: number[][]): DenseMatrix {
  return { rows: rows.length, columns: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
}

function flat(value: Nested): number[] {
  return Array.isArray(value) ? value.flatMap(flat) : [value];
}

function decodeNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value); // "NaN", "Infinity", "-Infinity"
}

/** Calls `run` and checks it against the SAELens outcome (or the stricter synth error). */
async function expectOutcome(run: () => unknown, reference: Outcome, stricter: RegExp | undefined): Promise<void> {
  let thrown: unknown;
  try {
    await run();
  } catch (error) {
    thrown = error;
  }
  if (stricter !== undefined) {
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as Error).message).toMatch(stricter);
    return;
  }
  if (!reference.raises) {
    expect(thrown).toBeUndefined();
    return;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as Error).message).toContain(reference.message);
}

describe('SAELens parity: create_correlation_matrix_from_correlations', () => {
  it.each(createCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const entries = c.correlations.map(([i, j, value]): CorrelationEntry => [i, j, value]);
    compareMatrix('createCorrelationMatrixFromCorrelations', createCorrelationMatrixFromCorrelations(c.numFeatures, entries, c.defaultCorrelation), c.expected);
  });

  it('covers both the repaired and the unrepaired path', () => {
    expect(new Set(createCases.map((c) => c.repaired))).toEqual(new Set([true, false]));
  });
});

describe('SAELens parity: _fix_correlation_matrix', () => {
  it.each(fixCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    compareMatrix('fixCorrelationMatrix', fixCorrelationMatrix(dense(c.matrix), c.minEigenvalue), c.expected);
  });
});

describe('SAELens parity: _validate_correlation_params', () => {
  it.each(paramCases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const params = {
      positiveRatio: decodeNumber(c.positiveRatio),
      uncorrelatedRatio: decodeNumber(c.uncorrelatedRatio),
      minCorrelationStrength: decodeNumber(c.minCorrelationStrength),
      maxCorrelationStrength: decodeNumber(c.maxCorrelationStrength),
    };
    await expectOutcome(() => validateCorrelationParams(params), c, STRICTER_PARAMS[name]);
    if (c.raises && STRICTER_PARAMS[name] === undefined) expect(() => validateCorrelationParams(params)).toThrow(InvalidArgumentError);
  });

  it('the stricter cases are ones SAELens accepts', () => {
    for (const name of Object.keys(STRICTER_PARAMS)) expect(paramCases.find((c) => c.name === name)?.raises).toBe(false);
  });
});

describe('SAELens parity: _validate_correlation_matrix (DenseMatrix input)', () => {
  it.each(matrixCases.filter((c) => c.shape.length === 2).map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const matrix: DenseMatrix = { rows: c.shape[0]!, columns: c.shape[1]!, data: Float64Array.from(flat(c.matrix)) };
    await expectOutcome(() => validateCorrelationMatrix(matrix, c.numFeatures), c, STRICTER_MATRIX[name]);
    if (c.message?.includes('must have shape')) expect(() => validateCorrelationMatrix(matrix, c.numFeatures)).toThrow(InvalidArgumentError);
  });

  it('the stricter cases are ones SAELens accepts', () => {
    for (const name of Object.keys(STRICTER_MATRIX)) expect(matrixCases.find((c) => c.name === name)?.raises).toBe(false);
  });
});

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('SAELens parity: validation from tensors on %s', (_backendName, backend) => {
  const { tf } = backend;

  it.each(matrixCases.map((c) => [c.name, c] as const))('_validate_correlation_matrix: %s', async (name, c) => {
    const tensor = tf.tensor(flat(c.matrix), c.shape);
    try {
      const run = async () => validateCorrelationMatrix(await correlationMatrixFromTensor(tensor), c.numFeatures);
      // correlationMatrixFromTensor cannot know n, so for a non-square tensor it writes the rule as
      // "(n, n)": only the part before the shape is SAELens's wording there.
      const nonSquare = c.shape.length !== 2 || c.shape[0] !== c.shape[1];
      const reference = nonSquare ? { raises: true, message: 'Correlation matrix must have shape (' } : c;
      if (nonSquare) expect(c.message).toMatch(/^Correlation matrix must have shape \(/);
      await expectOutcome(run, reference, STRICTER_MATRIX[name]);
    } finally {
      tensor.dispose();
    }
  });

  it.each(lowRankCases.map((c) => [c.name, c] as const))('_validate_low_rank_correlation: %s', async (name, c) => {
    const factor = tf.tensor(flat(c.factor), c.factorShape);
    const diag = tf.tensor(flat(c.diag), c.diagShape);
    try {
      await expectOutcome(() => lowRankCorrelationFromTensors(factor, diag, c.numFeatures), c, STRICTER_LOW_RANK[name]);
    } finally {
      tf.dispose([factor, diag]);
    }
  });
});

describe('SAELens parity: _validate_low_rank_correlation (flat arrays)', () => {
  // The flat-array entry point has no "2D" rule; it applies to the cases with a 2-D factor and 1-D diag.
  const flatCases = lowRankCases.filter((c) => c.factorShape.length === 2 && c.diagShape.length === 1);
  it.each(flatCases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const factor = Float32Array.from(flat(c.factor));
    const diag = Float32Array.from(flat(c.diag));
    let reference: Outcome = c;
    // With a flat factor the row count is not separate from the rank: 4×2 for n = 3 is 8 entries,
    // not a multiple of 3, reported as "(3, rank), got 8 entries".
    if (c.message?.startsWith('correlation_factor must have shape')) reference = { raises: true, message: `correlation_factor must have shape (${c.numFeatures}, rank), got` };
    await expectOutcome(() => validateLowRankCorrelation(factor, diag, c.numFeatures, c.factorShape[1]), reference, STRICTER_LOW_RANK[name]);
  });

  it('the stricter cases are ones SAELens accepts or rejects for another reason', () => {
    expect(lowRankCases.find((c) => c.name === 'implied-diagonal-not-1')?.raises).toBe(false);
    expect(lowRankCases.find((c) => c.name === 'implied-diagonal-not-1-then-diag-zero')?.message).toBe('correlation_diag must have all positive values');
  });
});
