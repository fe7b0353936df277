/**
 * `trainToySae` (SPEC §1.11): train an SAE on synthetic activations with SAELens's defaults.
 */
import { ValidationError, assertInteger } from '@synth/core';
import type { Backend, ProgressOptions } from '@synth/core';
import type { FeatureMap } from '@synth/eval';
import { SAETrainer } from './sae-trainer';
import { SyntheticActivationIterator } from './synthetic-activation-iterator';
import type { SparseActivationSource } from './synthetic-activation-iterator';
import type { TrainingSAE } from './training-sae';

/** Options of {@link trainToySae}. */
export interface TrainToySaeOptions extends ProgressOptions {
  /** Samples in all (default 10,000,000). */
  readonly trainingSamples?: number;
  /** Rows per step (default 1024). */
  readonly batchSize?: number;
  /** Constant learning rate (default 3e-4). */
  readonly lr?: number;
  /** Linear warm-up steps (default 0). */
  readonly lrWarmUpSteps?: number;
  /** Linear decay-to-zero steps at the end (default 0). */
  readonly lrDecaySteps?: number;
  /** Snapshots spread evenly over training (default 0). */
  readonly nSnapshots?: number;
  /** Called with the trainer at each snapshot; required when `nSnapshots > 0`. */
  readonly snapshotFn?: (trainer: SAETrainer) => void | Promise<void>;
}

/**
 * Trains `sae` in place on `featureMap.forward(generator.sampleSparse(batchSize))` batches, with
 * SAELens's `train_toy_sae` settings: constant LR (`lrEnd = lr`), Adam (0.9, 0.999), gradient
 * clipping at 1.0, dead-feature window 1000, feature-sampling window 2000. Snapshot `i` fires
 * after the first step at which the samples seen exceed `i·ceil(total/(nSnapshots+1))`.
 *
 * @remarks Differs from SAELens: `nSnapshots > 0` without `snapshotFn` is rejected up front,
 * not when the first snapshot fires; the function is async (a snapshot function may be) and
 * returns the trainer's final state only through the SAE; there are no `device`/autocast options
 * (the backend decides where the math runs; TensorFlow.js has no bfloat16).
 * @example
 * ```ts
 * await trainToySae(backend, sae, featureMap, generator, { trainingSamples: 300_000 });
 * ```
 * @throws ValidationError "snapshot_fn must be provided to take snapshots"; InvalidArgumentError
 * for a bad count or rate.
 */
export async function trainToySae(
  backend: Backend,
  sae: TrainingSAE,
  featureMap: FeatureMap,
  generator: SparseActivationSource,
  options: TrainToySaeOptions = {},
): Promise<void> {
  const trainingSamples = options.trainingSamples ?? 10_000_000;
  const batchSize = options.batchSize ?? 1024;
  const nSnapshots = options.nSnapshots ?? 0;
  assertInteger('trainingSamples', trainingSamples, 0);
  assertInteger('nSnapshots', nSnapshots, 0);
  if (nSnapshots > 0 && options.snapshotFn === undefined) {
    throw new ValidationError('Invalid snapshotFn: snapshot_fn must be provided to take snapshots (nSnapshots > 0).');
  }
  const lr = options.lr ?? 3e-4;
  const batches = new SyntheticActivationIterator(backend, featureMap, generator, batchSize);
  const trainer = new SAETrainer(backend, sae, { next: () => batches.nextAsync() }, {
    totalTrainingSamples: trainingSamples,
    trainBatchSizeSamples: batchSize,
    lr,
    lrEnd: lr,
    lrSchedulerName: 'constant',
    lrWarmUpSteps: options.lrWarmUpSteps ?? 0,
    lrDecaySteps: options.lrDecaySteps ?? 0,
    nRestartCycles: 1,
    adamBeta1: 0.9,
    adamBeta2: 0.999,
    deadFeatureWindow: 1000,
    featureSamplingWindow: 2000,
    nCheckpoints: nSnapshots,
    ...(options.snapshotFn === undefined ? {} : { saveCheckpointFn: options.snapshotFn }),
    onProgress: options.onProgress,
  });
  try {
    await trainer.fit();
  } finally {
    trainer.dispose();
  }
}
