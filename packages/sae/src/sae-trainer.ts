/**
 * `SAETrainer`: SAELens's training loop (Adam, gradient clipping, LR and coefficient schedules,
 * dead-latent tracking, checkpoints by sample thresholds).
 */
import { FormatError, ValidationError, assertInteger, createProgressReporter, readJson, readSafetensors, writeJson, writeSafetensors } from '@synth/core';
import type { Backend, ProgressOptions, SafetensorsTensor, Tensor, Tensor1D, Tensor2D } from '@synth/core';
import { Adam } from './adam';
import { CoefficientScheduler } from './coefficient-scheduler';
import { createLrSchedule } from './lr-scheduler';
import type { TrainingSAE } from './training-sae';
import { TrainingDivergedError } from './training-diverged-error';

/** Options of {@link SAETrainer} (SAELens `SAETrainerConfig`, camelCased). */
export interface SAETrainerOptions extends ProgressOptions {
  /** Samples to train on; the loop runs while fewer have been seen. */
  readonly totalTrainingSamples: number;
  /** Rows per batch the data provider yields (used for the step count and feature statistics). */
  readonly trainBatchSizeSamples: number;
  /** Peak learning rate (default 3e-4). */
  readonly lr?: number;
  /** Floor of cosine schedules / start of the decay (default `lr / 10`, as SAELens's runner). */
  readonly lrEnd?: number;
  /** `constant` (default), `cosineannealing` or `cosineannealingwarmrestarts`. */
  readonly lrSchedulerName?: string;
  readonly lrWarmUpSteps?: number;
  readonly lrDecaySteps?: number;
  readonly nRestartCycles?: number;
  readonly adamBeta1?: number;
  readonly adamBeta2?: number;
  /** A latent is dead once it has not fired for more than this many steps (default 1000). */
  readonly deadFeatureWindow?: number;
  /** Feature-frequency statistics reset every this many steps (default 2000). */
  readonly featureSamplingWindow?: number;
  /** Checkpoints spread evenly over training (default 0). */
  readonly nCheckpoints?: number;
  /** Called at each checkpoint with the trainer. */
  readonly saveCheckpointFn?: (trainer: SAETrainer) => void | Promise<void>;
  /**
   * `'expected_average_only_in'` (SAELens's `normalize_activations`): before training, estimate
   * `s = sqrt(d_in) / mean‖x‖` over `normEstimateBatches` batches, train on `s·x`, and fold `s`
   * into the weights when training ends, so the SAE works on raw inputs. Default `'none'`.
   */
  readonly normalizeActivations?: 'none' | 'expected_average_only_in';
  /** Batches used to estimate the scaling factor (default 1000, as SAELens). */
  readonly normEstimateBatches?: number;
  /** Called after every step (after any checkpoint), e.g. for periodic evaluation. */
  readonly afterStep?: (trainer: SAETrainer) => void | Promise<void>;
}

/**
 * A source of batches `[batch, dIn]`; the trainer disposes each batch after its step. `next` may
 * return a promise (a correlated generator samples asynchronously).
 */
export interface DataProvider {
  next(): IteratorResult<Tensor2D> | Promise<IteratorResult<Tensor2D>>;
  /** JSON-serializable position of the data stream, saved with the trainer's state. */
  readonly state?: unknown;
  /** Returns the stream to a saved {@link state}. */
  restoreState?(state: unknown): void;
}

/** The trainer's state beyond the SAE's parameters, as written to `trainer_state.json`. */
interface TrainerStateJson {
  readonly version: 1;
  readonly nTrainingSteps: number;
  readonly nTrainingSamples: number;
  readonly nFracActiveSamples: number;
  readonly checkpointThresholds: number[];
  readonly lastLosses: Record<string, number>;
  readonly adamStepCount: number;
  readonly activationScalingFactor: number | null;
  readonly saeScalars: Record<string, number>;
  readonly data: unknown;
}

/** File names of a trainer state directory. */
export const TRAINER_STATE_TENSORS_FILENAME = 'trainer_state.safetensors';
export const TRAINER_STATE_JSON_FILENAME = 'trainer_state.json';

/** Losses read back from the device every `LOSS_READ_INTERVAL` steps (SAELens's progress bar cadence). */
const LOSS_READ_INTERVAL = 100;

/**
 * Trains an SAE in place: each step takes a batch, computes the loss and its (hand-written)
 * gradients with the current coefficients and dead-latent mask, clips the global gradient norm
 * to 1.0, applies Adam at the scheduled learning rate, updates the firing statistics, and takes
 * a checkpoint when the samples seen first exceed the next threshold
 * (`range(0, total, ceil(total/(n+1)))[1:]`).
 *
 * @example
 * ```ts
 * const trainer = new SAETrainer(backend, sae, iterator, { totalTrainingSamples: 100_000, trainBatchSizeSamples: 1024 });
 * await trainer.fit();
 * trainer.dispose();
 * ```
 * @throws InvalidArgumentError naming the option that breaks a rule; ValidationError from the
 * LR schedule ("Unsupported scheduler", "Cannot have decay_steps with lr_end=0.0").
 */
export class SAETrainer {
  readonly backend: Backend;
  readonly sae: TrainingSAE;
  readonly totalTrainingSamples: number;
  readonly trainBatchSizeSamples: number;
  /** `totalTrainingSamples // trainBatchSizeSamples`, the schedule's length. */
  readonly totalTrainingSteps: number;
  readonly deadFeatureWindow: number;
  readonly featureSamplingWindow: number;
  /** Sample counts after which a checkpoint is still due (consumed in order). */
  readonly checkpointThresholds: number[];
  readonly coefficientSchedulers: Readonly<Record<string, CoefficientScheduler>>;
  nTrainingSteps = 0;
  /** The input scaling factor `s` of `'expected_average_only_in'` (null until estimated, or without it). */
  activationScalingFactor: number | null = null;
  nTrainingSamples = 0;
  /** Latest losses read back (every 100 steps). */
  lastLosses: Record<string, number> = {};
  readonly #data: DataProvider;
  readonly #adam: Adam;
  readonly #lrAt: (step: number) => number;
  readonly #options: SAETrainerOptions;
  #passesSinceFired: Tensor1D;
  #actFreqScores: Tensor1D;
  #nFracActiveSamples = 0;

  constructor(backend: Backend, sae: TrainingSAE, data: DataProvider, options: SAETrainerOptions) {
    assertInteger('totalTrainingSamples', options.totalTrainingSamples, 0);
    assertInteger('trainBatchSizeSamples', options.trainBatchSizeSamples, 1);
    const deadFeatureWindow = options.deadFeatureWindow ?? 1000;
    const featureSamplingWindow = options.featureSamplingWindow ?? 2000;
    const nCheckpoints = options.nCheckpoints ?? 0;
    assertInteger('deadFeatureWindow', deadFeatureWindow, 0);
    assertInteger('featureSamplingWindow', featureSamplingWindow, 1);
    assertInteger('nCheckpoints', nCheckpoints, 0);
    this.backend = backend;
    this.sae = sae;
    this.#data = data;
    this.#options = options;
    this.totalTrainingSamples = options.totalTrainingSamples;
    this.trainBatchSizeSamples = options.trainBatchSizeSamples;
    this.totalTrainingSteps = Math.floor(options.totalTrainingSamples / options.trainBatchSizeSamples);
    this.deadFeatureWindow = deadFeatureWindow;
    this.featureSamplingWindow = featureSamplingWindow;
    this.checkpointThresholds = checkpointThresholds(options.totalTrainingSamples, nCheckpoints);
    const lr = options.lr ?? 3e-4;
    this.#lrAt = createLrSchedule({
      schedulerName: options.lrSchedulerName ?? 'constant',
      trainingSteps: this.totalTrainingSteps,
      lr,
      warmUpSteps: options.lrWarmUpSteps ?? 0,
      decaySteps: options.lrDecaySteps ?? 0,
      lrEnd: options.lrEnd ?? lr / 10,
      numCycles: options.nRestartCycles ?? 1,
    });
    const schedulers: Record<string, CoefficientScheduler> = {};
    for (const [name, coefficient] of Object.entries(sae.getCoefficients())) {
      schedulers[name] = new CoefficientScheduler(coefficient.warmUpSteps, coefficient.value);
    }
    this.coefficientSchedulers = schedulers;
    this.#adam = new Adam(backend, sae.parameters(), { beta1: options.adamBeta1 ?? 0.9, beta2: options.adamBeta2 ?? 0.999 });
    backend.activate();
    this.#passesSinceFired = backend.tf.zeros([sae.cfg.dSae]);
    this.#actFreqScores = backend.tf.zeros([sae.cfg.dSae]);
  }

  /** Learning rate of the next step. */
  get currentLearningRate(): number {
    return this.#lrAt(this.nTrainingSteps);
  }

  /** Current value of each scheduled coefficient. */
  get coefficients(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.coefficientSchedulers).map(([name, s]) => [name, s.value]));
  }

  /**
   * Which latents are dead now (`passes since fired > deadFeatureWindow`), read back.
   *
   * @example
   * ```ts
   * const dead = trainer.deadNeurons.reduce((a, b) => a + b, 0);
   * ```
   */
  get deadNeurons(): Uint8Array {
    const mask = this.backend.tidy(() => this.backend.tf.greater(this.#passesSinceFired, this.deadFeatureWindow));
    const out = Uint8Array.from(mask.dataSync());
    mask.dispose();
    return out;
  }

  /**
   * Firing frequency of each latent since the last statistics reset, read back.
   *
   * @example
   * ```ts
   * const sparsity = trainer.featureSparsity;
   * ```
   */
  get featureSparsity(): Float32Array {
    const scores = Float32Array.from(this.#actFreqScores.dataSync());
    return scores.map((s) => s / this.#nFracActiveSamples);
  }

  /**
   * Runs the loop until `totalTrainingSamples` have been seen and returns the SAE.
   *
   * @example
   * ```ts
   * const sae = await trainer.fit();
   * ```
   * @throws whatever the data provider or checkpoint function throws.
   */
  async fit(): Promise<TrainingSAE> {
    const progress = createProgressReporter('train', this.totalTrainingSamples, this.#options.onProgress);
    const normalize = (this.#options.normalizeActivations ?? 'none') === 'expected_average_only_in';
    if (normalize && this.activationScalingFactor === null) this.activationScalingFactor = await this.#estimateScalingFactor();
    while (this.nTrainingSamples < this.totalTrainingSamples) {
      const next = await this.#data.next();
      if (next.done === true) break;
      const batch = next.value;
      this.nTrainingSamples += batch.shape[0];
      try {
        if (this.activationScalingFactor === null) this.#trainStep(batch);
        else {
          const scaled = this.backend.tidy(() => this.backend.tf.mul<Tensor2D>(batch, this.activationScalingFactor!));
          try {
            this.#trainStep(scaled);
          } finally {
            scaled.dispose();
          }
        }
      } finally {
        batch.dispose();
      }
      if (this.checkpointThresholds.length > 0 && this.nTrainingSamples > this.checkpointThresholds[0]!) {
        await this.#options.saveCheckpointFn?.(this);
        this.checkpointThresholds.shift();
      }
      this.nTrainingSteps++;
      await this.#options.afterStep?.(this);
      progress.advance(batch.shape[0], this.lastLosses);
    }
    progress.finish(this.lastLosses);
    if (this.activationScalingFactor !== null) this.sae.foldActivationNormScalingFactor(this.activationScalingFactor);
    return this.sae;
  }

  /** `sqrt(d_in) / mean‖x‖` over `normEstimateBatches` batches of the data. */
  async #estimateScalingFactor(): Promise<number> {
    const batches = this.#options.normEstimateBatches ?? 1000;
    assertInteger('normEstimateBatches', batches, 1);
    let normSum = 0;
    let rows = 0;
    for (let i = 0; i < batches; i++) {
      const next = await this.#data.next();
      if (next.done === true) break;
      const sum = this.backend.tidy(() => this.backend.tf.sum(this.backend.tf.norm(next.value, 'euclidean', 1)));
      normSum += sum.dataSync()[0]!;
      rows += next.value.shape[0];
      sum.dispose();
      next.value.dispose();
    }
    const meanNorm = normSum / rows;
    if (!(meanNorm > 0 && Number.isFinite(meanNorm))) {
      throw new ValidationError(`Cannot normalise activations: the mean input norm over ${rows} rows is ${meanNorm}.`);
    }
    return Math.sqrt(this.sae.cfg.dIn) / meanNorm;
  }

  #trainStep(batch: Tensor2D): void {
    const { tf } = this.backend;
    if ((this.nTrainingSteps + 1) % this.featureSamplingWindow === 0) {
      this.#actFreqScores.dispose();
      this.#actFreqScores = tf.zeros([this.sae.cfg.dSae]);
      this.#nFracActiveSamples = 0;
    }
    const deadMask = this.backend.tidy(() => tf.greater<Tensor1D>(this.#passesSinceFired, this.deadFeatureWindow));
    const step = this.sae.computeGradients({ saeIn: batch, coefficients: this.coefficients, deadNeuronMask: deadMask, nTrainingSteps: this.nTrainingSteps });
    deadMask.dispose();
    // One scalar read per step: a non-finite loss stops training before the weights change.
    const loss = step.loss.dataSync()[0]!;
    if (!Number.isFinite(loss)) {
      tf.dispose([step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)]);
      throw new TrainingDivergedError(this.nTrainingSteps, loss);
    }
    const [passes, scores] = this.backend.tidy((): [Tensor1D, Tensor1D] => [
      tf.where<Tensor1D>(tf.greater(step.firingCounts, 0), tf.zerosLike(this.#passesSinceFired), tf.add<Tensor1D>(this.#passesSinceFired, 1)),
      tf.add(this.#actFreqScores, step.firingCounts),
    ]);
    this.#passesSinceFired.dispose();
    this.#actFreqScores.dispose();
    this.#passesSinceFired = passes;
    this.#actFreqScores = scores;
    this.#nFracActiveSamples += this.trainBatchSizeSamples;
    if (this.nTrainingSteps % LOSS_READ_INTERVAL === 0) {
      this.lastLosses = Object.fromEntries(Object.entries(step.losses).map(([name, value]) => [name, value.dataSync()[0]!]));
    }
    this.#adam.step(step.grads, this.#lrAt(this.nTrainingSteps)).dispose();
    const owned: Tensor[] = [step.loss, step.firingCounts, ...Object.values(step.losses), ...Object.values(step.grads)];
    tf.dispose(owned);
    for (const scheduler of Object.values(this.coefficientSchedulers)) scheduler.step();
  }

  /**
   * Writes everything needed to resume bit for bit into `directory`: SAE parameters and training
   * scalars, Adam's moments and step count, the dead-latent and firing statistics, the step and
   * sample counters, the remaining checkpoint thresholds, and the data provider's `state`.
   * Each file is written atomically; the JSON file goes last, so a directory without it is
   * incomplete.
   *
   * @example
   * ```ts
   * await trainer.saveState('checkpoints/40960');
   * ```
   */
  async saveState(directory: string): Promise<void> {
    const tensors: Record<string, SafetensorsTensor> = {};
    const f32 = (shape: readonly number[], data: Float32Array): SafetensorsTensor => ({ dtype: 'F32', shape: [...shape], data });
    for (const [name, param] of Object.entries(this.sae.parameters())) tensors[`param:${name}`] = f32(param.shape, Float32Array.from(param.dataSync()));
    const adam = this.#adam.exportState();
    for (const [name, moment] of Object.entries(adam.moments)) tensors[`adam:${name}`] = f32(moment.shape, moment.data);
    tensors.passes_since_fired = f32(this.#passesSinceFired.shape, Float32Array.from(this.#passesSinceFired.dataSync()));
    tensors.act_freq_scores = f32(this.#actFreqScores.shape, Float32Array.from(this.#actFreqScores.dataSync()));
    const json: TrainerStateJson = {
      version: 1,
      nTrainingSteps: this.nTrainingSteps,
      nTrainingSamples: this.nTrainingSamples,
      nFracActiveSamples: this.#nFracActiveSamples,
      checkpointThresholds: [...this.checkpointThresholds],
      lastLosses: this.lastLosses,
      adamStepCount: adam.stepCount,
      activationScalingFactor: this.activationScalingFactor,
      saeScalars: this.sae.trainingScalars(),
      data: this.#data.state ?? null,
    };
    await writeSafetensors(`${directory}/${TRAINER_STATE_TENSORS_FILENAME}`, tensors);
    await writeJson(`${directory}/${TRAINER_STATE_JSON_FILENAME}`, json);
  }

  /**
   * Restores a state written by {@link saveState} into this trainer (built with the same options
   * over an SAE of the same shape and a data provider of the same stream).
   *
   * @example
   * ```ts
   * await trainer.restoreState('checkpoints/40960');
   * await trainer.fit(); // continues where the saved run was
   * ```
   * @throws FormatError naming the file for a missing, partial or mismatched state.
   */
  async restoreState(directory: string): Promise<void> {
    const jsonPath = `${directory}/${TRAINER_STATE_JSON_FILENAME}`;
    const tensorsPath = `${directory}/${TRAINER_STATE_TENSORS_FILENAME}`;
    const json = (await readJson(jsonPath)) as TrainerStateJson;
    if (json.version !== 1) throw new FormatError(`unsupported trainer state version ${String(json.version)}`, { source: jsonPath });
    const { tensors } = await readSafetensors(tensorsPath);
    const take = (name: string): SafetensorsTensor => {
      const found = tensors[name];
      if (found === undefined) throw new FormatError(`missing tensor '${name}'`, { source: tensorsPath });
      return found;
    };
    const { tf } = this.backend;
    this.backend.activate();
    for (const name of Object.keys(this.sae.parameters())) {
      const saved = take(`param:${name}`);
      const value = tf.tensor(saved.data as Float32Array, saved.shape, 'float32');
      this.sae.setParameter(name, value);
      value.dispose();
    }
    const moments: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const [name, tensor] of Object.entries(tensors)) {
      if (name.startsWith('adam:')) moments[name.slice(5)] = { shape: tensor.shape, data: tensor.data as Float32Array };
    }
    this.#adam.importState({ stepCount: json.adamStepCount, moments });
    this.sae.setTrainingScalars(json.saeScalars);
    this.#passesSinceFired.dispose();
    this.#actFreqScores.dispose();
    this.#passesSinceFired = tf.tensor1d(take('passes_since_fired').data as Float32Array);
    this.#actFreqScores = tf.tensor1d(take('act_freq_scores').data as Float32Array);
    this.nTrainingSteps = json.nTrainingSteps;
    this.nTrainingSamples = json.nTrainingSamples;
    this.#nFracActiveSamples = json.nFracActiveSamples;
    this.checkpointThresholds.splice(0, this.checkpointThresholds.length, ...json.checkpointThresholds);
    this.lastLosses = json.lastLosses;
    this.activationScalingFactor = json.activationScalingFactor ?? null;
    for (const scheduler of Object.values(this.coefficientSchedulers)) scheduler.restore(json.nTrainingSteps);
    if (json.data !== null) this.#data.restoreState?.(json.data);
  }

  /**
   * Frees the optimizer state and statistics (not the SAE).
   *
   * @example
   * ```ts
   * trainer.dispose();
   * ```
   */
  dispose(): void {
    this.#adam.dispose();
    this.#passesSinceFired.dispose();
    this.#actFreqScores.dispose();
  }
}

/** `range(0, total, ceil(total/(n+1)))[1:]`, or none when `n = 0`. */
export function checkpointThresholds(total: number, n: number): number[] {
  if (n <= 0 || total <= 0) return [];
  const stride = Math.ceil(total / (n + 1));
  const out: number[] = [];
  for (let t = stride; t < total; t += stride) out.push(t);
  return out;
}
