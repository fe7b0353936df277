import { describe, expect, it } from 'vitest';
import type { Backend, ProgressEvent, Tensor2D } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { ORTHOGONALIZE_TASK, orthogonalizeEmbeddings } from './orthogonalize-embeddings';
import type { OrthogonalizeOptions } from './orthogonalize-embeddings';
import { flatten, orthogonalizeCases } from './testing/fixtures';

const backends = await loadTestBackends();
const cases = orthogonalizeCases();

/**
 * Tolerance against SAELens (float32, autograd) and against its float64 run.
 *
 * Each step, our gradient and torch's differ by float32 rounding in two matmuls (inner sizes d and
 * N): a relative error of at most about (N + d)·ε. Adam's update lr·m̂/(√v̂ + eps) is invariant to
 * the gradient's scale, so a relative gradient error δ moves a step by about lr·δ; over T steps
 * these add up at worst linearly, T·lr·(N + d)·ε. The last row normalisation adds a few ε. The
 * observed gap between torch's own float32 and float64 runs (≤ 4.6e-7 for these cases) sits well
 * inside this bound (1.0e-6 to 7.2e-6).
 */
function parityBound(rows: number, columns: number, numSteps: number, lr: number, epsilon: number): number {
  return numSteps * lr * (rows + columns) * epsilon + 8 * epsilon;
}

async function run(backend: Backend, start: Float32Array, options: Omit<OrthogonalizeOptions, 'backend'>): Promise<Float32Array> {
  return expectNoTensorLeak(backend, async () => {
    const out = await orthogonalizeEmbeddings(start, { ...options, backend });
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  });
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe.each(backends.map((b) => [b.name, b] as const))('orthogonalizeEmbeddings on %s', (_name, backend) => {
  describe.each(cases.map((c) => [c.name, c] as const))('SAELens fixture %s', (_case, fixture) => {
    const start = flatten(fixture.start);
    const shape = [fixture.rows, fixture.columns] as const;
    const bound = parityBound(fixture.rows, fixture.columns, fixture.numSteps, fixture.lr, backend.epsilon);

    it.each(fixture.results.map((r) => [r.chunkSize, r] as const))('matches orthogonalize_embeddings(chunk_size=%i)', async (chunkSize, result) => {
      const got = await run(backend, start, { shape, numSteps: fixture.numSteps, lr: fixture.lr, chunkSize });
      assertClose(got, flatten(result.expected), () => bound);
      assertClose(got, flatten(fixture.expectedFloat64), () => bound);
    });

    it('gives the same result for every chunk size, to float32 rounding', async () => {
      const reference = await run(backend, start, { shape, numSteps: fixture.numSteps, lr: fixture.lr, chunkSize: fixture.rows });
      for (const chunkSize of [1, 3, fixture.rows - 1, 4096]) {
        const got = await run(backend, start, { shape, numSteps: fixture.numSteps, lr: fixture.lr, chunkSize });
        expect(maxAbsDifference(got, reference), `chunkSize ${chunkSize}`).toBeLessThanOrEqual(bound);
      }
    });

    it('reports steps × ceil(N / chunkSize) units and the previous step loss', async () => {
      const chunkSize = 5;
      const events: ProgressEvent[] = [];
      await run(backend, start, { shape, numSteps: fixture.numSteps, lr: fixture.lr, chunkSize, onProgress: (e) => events.push(e) });
      const total = fixture.numSteps * Math.ceil(fixture.rows / chunkSize);
      expect(events.every((e) => e.task === ORTHOGONALIZE_TASK && e.total === total)).toBe(true);
      expect(events.at(-1)!.completed).toBe(total);
      // SAELens's losses are float64 sums of its float32 iterates; ours are float32 sums of ours.
      // Relative tolerance: N² float32 terms summed (N²·ε) plus the iterate difference above.
      const losses = fixture.results[0]!.losses;
      expect(events.at(-1)!.metrics!.loss).toBeCloseTo(losses.at(-1)!, 3);
      const stepsPerEvent = Math.ceil(fixture.rows / chunkSize);
      for (const event of events.slice(0, -1)) {
        const step = Math.ceil(event.completed / stepsPerEvent) - 1; // the step in progress (0-based)
        if (step === 0) expect(event.metrics).toBeUndefined();
        else expect(Math.abs(event.metrics!.loss! / losses[step - 1]! - 1)).toBeLessThan(fixture.rows ** 2 * backend.epsilon + 1e-4);
      }
    });
  });

  it('with numSteps 0 only normalises the rows, and leaves the input tensor alone', async () => {
    const { tf } = backend;
    const input: Tensor2D = tf.tensor2d([[3, 4], [0, 0], [0, -2]]);
    const out = await orthogonalizeEmbeddings(input, { backend, numSteps: 0 });
    assertClose(await out.data(), [0.6, 0.8, 0, 0, 0, -1], () => 4 * backend.epsilon);
    expect(input.isDisposed).toBe(false);
    assertClose(await input.data(), [3, 4, 0, 0, 0, -2], () => 0);
    tf.dispose([input, out]);
  });

  it('gives the same result for a tensor and a Float32Array input', async () => {
    const fixture = cases[0]!;
    const start = flatten(fixture.start);
    const fromArray = await run(backend, start, { shape: [fixture.rows, fixture.columns], numSteps: 10 });
    const tensor = backend.tf.tensor2d(start, [fixture.rows, fixture.columns]);
    const out = await orthogonalizeEmbeddings(tensor, { backend, numSteps: 10 });
    assertClose(await out.data(), fromArray, () => 0);
    backend.tf.dispose([tensor, out]);
  });

  it('drives a small well-posed problem (N ≤ d) to an orthonormal set', async () => {
    const fixture = cases[2]!; // 24 × 16 has N > d; take its first 12 rows
    const start = flatten(fixture.start.slice(0, 12));
    const got = await run(backend, start, { shape: [12, 16], numSteps: 300, lr: 0.01 });
    let worst = 0;
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 12; j++) {
        let dot = 0;
        for (let k = 0; k < 16; k++) dot += got[i * 16 + k]! * got[j * 16 + k]!;
        worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-2);
  });
});
