import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rank } from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { Rng } from './rng';
import { sparseRowsFromDense } from './sparse-rows';
import { matMulTransposeB, normalizeRows, sparseMatmul, sparseMatmulOnDevice } from './tensor-ops';
import { assertClose, expectNoTensorLeak, loadTestBackends, randomMatrix, referenceMatmul } from './testing';

const backends = await loadTestBackends();

describe.each(backends.map((b) => [b.name, b] as const))('tensor ops on %s', (_name, backend) => {
  const { tf } = backend;

  it('sparseMatmul of an empty batch is zeros, without leaking', async () => {
    const sparse = sparseRowsFromDense(new Float32Array(6), 2, 3);
    const data = await expectNoTensorLeak(backend, async () => {
      const weights = tf.ones<Rank.R2>([3, 4]);
      const out = sparseMatmul(backend, sparse, weights);
      const values = await out.data();
      tf.dispose([out, weights]);
      return values;
    });
    expect(Array.from(data)).toEqual(new Array(8).fill(0));
  });

  it('sparseMatmul rejects mismatched inner dimensions, in both forms', () => {
    const sparse = sparseRowsFromDense(new Float32Array(6), 2, 3);
    const weights = tf.ones<Rank.R2>([4, 2]);
    expect(() => sparseMatmul(backend, sparse, weights)).toThrow(InvalidArgumentError);
    expect(() => sparseMatmulOnDevice(backend, sparse, weights)).toThrow(InvalidArgumentError);
    weights.dispose();
  });

  // sparseMatmulOnDevice (gather, scale, scatter-add) is the straightforward form, kept as the
  // reference for the host loop sparseMatmul runs on cpu and wasm. Both sum the same products in
  // different orders, so they agree to the float32 bound (stored per row + 2)·ε·Σ|terms|.
  it('sparseMatmul agrees with the gather/scatter form on random sparse batches', async () => {
    const rng = Rng.fromSeed(7).split(`tensor-ops/${backend.name}`);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), async (rows, inner, width, density) => {
        const activations = randomMatrix(rng, rows, inner, -2, 2);
        activations.data.forEach((v, i) => { if (Math.abs(v) / 2 > density) activations.data[i] = 0; });
        const sparse = sparseRowsFromDense(activations.data, rows, inner);
        const weights = randomMatrix(rng, inner, width, -1, 1);
        const [host, device] = await expectNoTensorLeak(backend, async () => {
          const w = tf.tensor2d(weights.data, [inner, width]);
          const outs = [sparseMatmul(backend, sparse, w), sparseMatmulOnDevice(backend, sparse, w)];
          const data = await Promise.all(outs.map(async (t) => Float64Array.from(await t.data())));
          tf.dispose([w, ...outs]);
          return data;
        });
        const { magnitude } = referenceMatmul(activations, weights, false, false);
        assertClose(host!, device!, (i) => 2 * (inner + 2) * backend.epsilon * magnitude[i]!);
      }),
      { numRuns: 25 },
    );
  });

  it('matMulTransposeB leaves only its result alive and matches the transposeB flag', async () => {
    const rng = Rng.fromSeed(8).split(`tensor-ops/${backend.name}`);
    const a = randomMatrix(rng, 3, 50, -1, 1);
    const b = randomMatrix(rng, 4, 50, -1, 1);
    const [viaHelper, viaFlag] = await expectNoTensorLeak(backend, async () => {
      const [ta, tb] = [tf.tensor2d(a.data, [3, 50]), tf.tensor2d(b.data, [4, 50])];
      const outs = [matMulTransposeB(backend, ta, tb), backend.tidy(() => tf.matMul(ta, tb, false, true))];
      expect(outs[0]!.shape).toEqual([3, 4]);
      const data = await Promise.all(outs.map(async (t) => Float64Array.from(await t.data())));
      tf.dispose([ta, tb, ...outs]);
      return data;
    });
    const { magnitude } = referenceMatmul(a, b, false, true);
    assertClose(viaHelper!, viaFlag!, (i) => 2 * 52 * backend.epsilon * magnitude[i]!);
  });

  it('normalizeRows leaves only its result alive', async () => {
    await expectNoTensorLeak(backend, () => {
      const x = tf.tensor2d([[3, 4], [0, 0]]);
      const unit = normalizeRows(backend, x);
      expect(unit.arraySync()).toEqual([[0.6000000238418579, 0.800000011920929], [0, 0]]);
      tf.dispose([x, unit]);
    });
  });
});

/** Library sources of every package (not tests, benches, test helpers or fixtures), comments removed. */
function librarySources(): { path: string; code: string }[] {
  const packages = fileURLToPath(new URL('../../', import.meta.url));
  return readdirSync(packages).flatMap((name) => {
    const src = join(packages, name, 'src');
    let files: string[];
    try {
      files = readdirSync(src, { recursive: true, encoding: 'utf8' });
    } catch {
      return [];
    }
    return files
      .filter((file) => file.endsWith('.ts') && !/\.(test|bench|properties)\.ts$/.test(file) && !/(^|[\\/])(testing|__fixtures__)[\\/]/.test(file))
      .map((file) => ({
        path: `${name}/src/${file}`,
        code: readFileSync(join(src, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''),
      }));
  });
}

/** The top-level arguments of each `matMul(...)` call in `code`. */
function matMulArguments(code: string): string[][] {
  const calls: string[][] = [];
  for (const match of code.matchAll(/\bmatMul\s*(?:<[^>]*>)?\s*\(/g)) {
    const args: string[] = [];
    let [depth, start] = [0, match.index + match[0].length];
    for (let i = start; i < code.length; i++) {
      const c = code[i]!;
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c) && depth > 0) depth--;
      else if ((c === ',' || c === ')') && depth === 0) {
        args.push(code.slice(start, i).trim());
        start = i + 1;
        if (c === ')') break;
      }
    }
    calls.push(args.filter((arg) => arg !== ''));
  }
  return calls;
}

// Two tfjs-backend-wasm 4.22 pitfalls, kept out of every package's library code: matMul with a
// transpose flag leaves XNNPACK for a naive loop (~8× slower; use matMulTransposeA/B, or on wasm
// transpose a reused operand once), and oneHot(float32) returns garbage (see the conformance suite).
describe('wasm pitfalls stay out of synth library sources', () => {
  const sources = librarySources();

  it('finds the sources it scans', () => {
    expect(sources.map((s) => s.path)).toContain('core/src/tensor-ops.ts');
    expect(matMulArguments('tf.matMul(a, f(b, c), false, true); tf.matMul<T>(x, y)')).toEqual([['a', 'f(b, c)', 'false', 'true'], ['x', 'y']]);
  });

  // A flag held in a variable is allowed: it is how a kernel picks the backend's faster layout
  // (explicit transpose on wasm, the flag on cpu, whose JS kernel is ~1.5× faster with transposeB).
  it('no matMul hard-codes a true transpose flag', () => {
    const flagged = sources
      .filter(({ path }) => path !== 'core/src/tensor-ops.ts')
      .flatMap(({ path, code }) => matMulArguments(code).filter((args) => args.slice(2).includes('true')).map((args) => `${path}: matMul(${args.join(', ')})`));
    expect(flagged).toEqual([]);
  });

  it('nothing calls oneHot', () => {
    expect(sources.filter(({ code }) => /\boneHot\s*\(/.test(code)).map((s) => s.path)).toEqual([]);
  });
});
