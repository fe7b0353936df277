import { describe, it } from 'vitest';
import { Rng } from '@synth/core';
import { assertClose, expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, adamStep } from './adam';
import type { AdamState } from './adam';

const backends = await loadTestBackends();

/** torch.optim.Adam's single-tensor update, in float64. */
function referenceAdam(param: Float64Array, m: Float64Array, v: Float64Array, g: ArrayLike<number>, step: number, lr: number): void {
  const bc1 = 1 - ADAM_BETA1 ** step;
  const bc2Sqrt = Math.sqrt(1 - ADAM_BETA2 ** step);
  for (let i = 0; i < param.length; i++) {
    m[i] = m[i]! + (g[i]! - m[i]!) * (1 - ADAM_BETA1);
    v[i] = v[i]! * ADAM_BETA2 + g[i]! * g[i]! * (1 - ADAM_BETA2);
    param[i] = param[i]! - (lr / bc1) * (m[i]! / (Math.sqrt(v[i]!) / bc2Sqrt + ADAM_EPSILON));
  }
}

describe.each(backends.map((b) => [b.name, b] as const))('adamStep on %s', (_name, backend) => {
  it('follows torch.optim.Adam over five steps (float64 reference, a few ε per step)', async () => {
    const { tf } = backend;
    const rng = Rng.fromSeed(5).split('adam');
    const shape: [number, number] = [3, 4];
    const start = rng.fillNormal(new Float32Array(12));
    const gradients = Array.from({ length: 5 }, () => rng.fillNormal(new Float32Array(12), 0, 3));
    gradients[2]!.fill(0, 0, 4); // zero gradients: eps keeps the update finite
    const param = Float64Array.from(start);
    const m = new Float64Array(12);
    const v = new Float64Array(12);
    await expectNoTensorLeak(backend, async () => {
      let state: AdamState = backend.tidy(() => {
        const p = tf.tensor2d(start, shape);
        return { param: p, firstMoment: tf.zerosLike(p), secondMoment: tf.zerosLike(p) };
      });
      for (let step = 1; step <= 5; step++) {
        const gradient = tf.tensor2d(gradients[step - 1]!, shape);
        const next = adamStep(backend, state, gradient, step, 0.01);
        tf.dispose([gradient, state.param, state.firstMoment, state.secondMoment]);
        state = next;
        referenceAdam(param, m, v, gradients[step - 1]!, step, 0.01);
      }
      // Each update is at most lr / (1 − β₁ᵗ)·|m̂/√v̂| ≲ lr·few; float32 rounds each by a few ε.
      assertClose(await state.param.data(), param, (i) => 8 * backend.epsilon * (Math.abs(param[i]!) + 5 * 0.01 * 10));
      tf.dispose([state.param, state.firstMoment, state.secondMoment]);
    });
  });
});
