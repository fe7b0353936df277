import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidArgumentError, ValidationError } from '@synth/core';
import { expectNoTensorLeak, loadTestBackends } from '@synth/core/testing';
import { Adam } from './adam';
import { CoefficientScheduler } from './coefficient-scheduler';
import { createLrSchedule } from './lr-scheduler';

const backends = await loadTestBackends();
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/sae-optim.json', import.meta.url), 'utf8')) as {
  schedules: { scheduler_name: string; training_steps: number; lr: number; warm_up_steps: number; decay_steps: number; lr_end: number; num_cycles: number; lrs: number[] }[];
  adam: { lr: number; start: Record<string, number[] | number[][]>; grads: Record<string, number[] | number[][]>[]; end: Record<string, number[] | number[][]> };
};

describe('createLrSchedule', () => {
  it.each(fixture.schedules.map((s) => [`${s.scheduler_name} w${s.warm_up_steps} d${s.decay_steps}`, s] as const))('matches torch: %s', (_label, s) => {
    const lrAt = createLrSchedule({
      schedulerName: s.scheduler_name,
      trainingSteps: s.training_steps,
      lr: s.lr,
      warmUpSteps: s.warm_up_steps,
      decaySteps: s.decay_steps,
      lrEnd: s.lr_end,
      numCycles: s.num_cycles,
    });
    // torch steps recursively in float64; the closed form agrees to rounding (1e-12 relative).
    s.lrs.forEach((lr, step) => expect(Math.abs(lrAt(step) - lr)).toBeLessThanOrEqual(1e-12 * s.lr + 1e-18));
  });

  const base = { schedulerName: 'constant', trainingSteps: 10, lr: 1e-3, warmUpSteps: 0, decaySteps: 0, lrEnd: 1e-4, numCycles: 1 };
  it('rejects an unknown scheduler and decay to zero from zero with SAELens messages', () => {
    expect(() => createLrSchedule({ ...base, schedulerName: 'linear' })).toThrow('Unsupported scheduler: linear');
    expect(() => createLrSchedule({ ...base, schedulerName: 'cosineannealing', lrEnd: 0, decaySteps: 2 })).toThrow(ValidationError);
    expect(() => createLrSchedule({ ...base, schedulerName: 'cosineannealing', lrEnd: 0, decaySteps: 2 })).toThrow('Cannot have decay_steps with lr_end=0.0');
  });

  it('rejects bad numbers (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(Number.NaN), fc.double({ max: 0, noNaN: true })), (lr) => {
        expect(() => createLrSchedule({ ...base, lr })).toThrow(InvalidArgumentError);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true })), (steps) => {
        expect(() => createLrSchedule({ ...base, warmUpSteps: steps })).toThrow(InvalidArgumentError);
      }),
    );
  });
});

describe('CoefficientScheduler', () => {
  it('warms up linearly: after step k the value is final·(k+1)/warm', () => {
    const s = new CoefficientScheduler(4, 2);
    expect(s.value).toBe(0);
    expect([s.step(), s.step(), s.step(), s.step(), s.step()]).toEqual([0.5, 1, 1.5, 2, 2]);
    expect(new CoefficientScheduler(0, 3).value).toBe(3);
  });

  it('rejects a non-number final value with the SAELens message', () => {
    expect(() => new CoefficientScheduler(0, 'x' as unknown as number)).toThrow('final_value must be float or int');
  });
});

describe.each(backends.map((b) => [b.name, b] as const))('Adam on %s', (_name, backend) => {
  const { tf } = backend;
  it('matches torch Adam with clip_grad_norm_(1.0) over 6 steps (clipped and unclipped)', async () => {
    const a = tf.variable(tf.tensor2d(fixture.adam.start.a as number[][]));
    const b = tf.variable(tf.tensor1d(fixture.adam.start.b as number[]));
    const adam = new Adam(backend, { a, b });
    await expectNoTensorLeak(backend, () => {
      for (const g of fixture.adam.grads) {
        const grads = { a: tf.tensor2d(g.a as number[][]), b: tf.tensor1d(g.b as number[]) };
        adam.step(grads, fixture.adam.lr).dispose();
        tf.dispose(Object.values(grads));
      }
    });
    const expected = [fixture.adam.end.a, fixture.adam.end.b].flat(2) as number[];
    const actual = [...a.dataSync(), ...b.dataSync()];
    expected.forEach((e, i) => expect(Math.abs(actual[i]! - e)).toBeLessThan(1e-6));
    adam.dispose();
    tf.dispose([a, b]);
  });

  it('rejects betas outside [0, 1)', () => {
    const v = tf.variable(tf.zeros([1]));
    fc.assert(
      fc.property(fc.oneof(fc.constant(Number.NaN), fc.double({ min: 1, noNaN: true }), fc.double({ max: -Number.MIN_VALUE, noNaN: true })), (beta1) => {
        expect(() => new Adam(backend, { v }, { beta1 })).toThrow(InvalidArgumentError);
      }),
    );
    v.dispose();
  });
});
