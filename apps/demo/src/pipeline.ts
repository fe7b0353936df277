/**
 * The demo pipeline: build a synthetic model, train an SAE on it, evaluate it against the ground
 * truth, and gather what the summary table and the report show. No terminal or Node code here,
 * so the web page (in a Web Worker) and the tests run the same steps.
 */
import { Rng, createBackend } from '@synth/core';
import type { Backend, BackendRequest, ProgressListener, Tensor2D } from '@synth/core';
import { SyntheticModel } from '@synth/activations';
import type { ActivationGenerator } from '@synth/activations';
import { FeatureDictionary, orthogonalInitializer } from '@synth/dictionary';
import { cosineSimilarities, evalSaeOnSyntheticData, findBestFeatureOrdering, meanCorrelationCoefficient } from '@synth/eval';
import type { SyntheticDataEvalResult } from '@synth/eval';
import { trainToySae } from '@synth/sae';
import type { Scalar, TrainingSAE } from '@synth/sae';
import { demoModelConfig } from './model-settings';
import type { ModelSettings } from './model-settings';
import type { CurvePoint, SimilarityMatrix } from './report/charts';
import { createTrainingSae } from './sae-architectures';
import type { Architecture } from './sae-architectures';

/** Everything a demo run can be told. */
export interface DemoSettings extends ModelSettings {
  readonly backend: BackendRequest;
  readonly architecture: Architecture;
  readonly dSae: number;
  /** L1 coefficient of the standard SAE. */
  readonly l1Coefficient: number;
  /** Active latents per sample of the topk and batchtopk SAEs. */
  readonly k: number;
  readonly trainingSamples: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly evalSamples: number;
}

/** Defaults sized to finish in about half a minute on a laptop CPU. */
export const DEFAULT_SETTINGS: DemoSettings = {
  backend: 'wasm',
  seed: 42,
  numFeatures: 64,
  hiddenDim: 48,
  firingDistribution: 'zipf',
  maxProb: 0.25,
  minProb: 0.02,
  correlation: null,
  hierarchy: null,
  architecture: 'standard',
  dSae: 64,
  l1Coefficient: 0.1,
  k: 4,
  trainingSamples: 5_000_000,
  batchSize: 1024,
  lr: 3e-3,
  evalSamples: 100_000,
};

/** What one run produced. */
export interface DemoResult {
  readonly backend: string;
  readonly settings: DemoSettings;
  readonly evaluation: SyntheticDataEvalResult;
  readonly curves: CurvePoint[];
  readonly encoderSimilarity: SimilarityMatrix;
  readonly decoderSimilarity: SimilarityMatrix;
  readonly latentOrder: Int32Array;
  readonly trueFiringRates: Float32Array;
  readonly saeFiringRates: Float32Array;
  readonly seconds: { readonly build: number; readonly train: number; readonly evaluate: number };
}

/** The state of training at one snapshot, for live views. */
export interface TrainingSnapshot {
  readonly point: CurvePoint;
  /** Decoder rows vs true features now. */
  readonly decoderSimilarity: SimilarityMatrix;
  /** SAE latents ordered by their best-matching true feature now. */
  readonly latentOrder: Int32Array;
}

/** Listeners and sizes of a run. */
export interface PipelineOptions {
  /** Hears `orthogonalize`, `train` and `evaluate` progress events. */
  readonly onProgress?: ProgressListener;
  /** Called at each training snapshot with the decoder similarity (computed only when given). */
  readonly onSnapshot?: (snapshot: TrainingSnapshot) => void;
  /** Training snapshots (points of the curves), default 20. */
  readonly snapshots?: number;
  /** Uses this backend instead of creating `settings.backend` (a Web Worker builds its own). */
  readonly backend?: Backend;
}

async function similarity(backend: Backend, saeRows: Tensor2D, features: Tensor2D): Promise<SimilarityMatrix> {
  const cos = cosineSimilarities(backend, saeRows, features);
  const values = (await cos.data()) as Float32Array;
  cos.dispose();
  return { rows: saeRows.shape[0], columns: features.shape[0], values };
}

/** Fraction of `samples` rows in which each latent is > 0. */
async function latentFiringRates(backend: Backend, sae: TrainingSAE, dictionary: FeatureDictionary, generator: ActivationGenerator, samples: number): Promise<Float32Array> {
  const { tf } = backend;
  const acts = await generator.sampleSparseAsync(samples);
  const rates = backend.tidy(() => tf.mean(tf.cast(tf.greater(sae.encode(dictionary.forward(acts)), 0), 'float32'), 0));
  const data = (await rates.data()) as Float32Array;
  rates.dispose();
  return data;
}

/**
 * The training objective on a fixed held-out probe: reconstruction MSE (summed over dimensions,
 * averaged over rows, as the trainer's `mse_loss`) plus, for the standard SAE, its L1 term
 * `l1 · mean_rows Σ_j |z_j|·‖W_dec[j]‖`.
 *
 * @remarks The curve uses this rather than the trainer's `lastLosses`, which the trainer reads
 * back only every 100 steps (so a short run's curve would be flat) and which is one batch's noise.
 * TopK's auxiliary loss (for dead latents only) is left out.
 */
function probeLoss(backend: Backend, sae: TrainingSAE, settings: DemoSettings, probe: Tensor2D): Scalar {
  const { tf } = backend;
  return backend.tidy(() => {
    const z = sae.encode(probe);
    const mse = tf.div<Scalar>(tf.sum(tf.squaredDifference(sae.decode(z), probe)), probe.shape[0]);
    if (settings.architecture !== 'standard') return mse;
    const decoderNorms = tf.norm(sae.W_dec, 'euclidean', 1);
    return tf.add<Scalar>(mse, tf.mul(tf.mean(tf.sum(tf.mul(tf.abs(z), decoderNorms), 1)), settings.l1Coefficient));
  });
}

/**
 * Runs the pipeline.
 *
 * @example
 * ```ts
 * const result = await runPipeline({ ...DEFAULT_SETTINGS, trainingSamples: 100_000 });
 * console.log(result.evaluation.mcc);
 * ```
 * @throws BackendUnavailableError when the backend does not load; InvalidArgumentError for bad settings.
 */
export async function runPipeline(settings: DemoSettings, options: PipelineOptions = {}): Promise<DemoResult> {
  const { onProgress, onSnapshot } = options;
  const progress = onProgress === undefined ? {} : { onProgress };
  const started = performance.now();
  const backend = options.backend ?? (await createBackend(settings.backend));
  const rng = Rng.fromSeed(settings.seed);
  const dictionary = await FeatureDictionary.create({
    numFeatures: settings.numFeatures,
    hiddenDim: settings.hiddenDim,
    backend,
    rng: rng.split('feature-dictionary'),
    initializer: orthogonalInitializer({ numSteps: 100, ...progress }),
  });
  // The model's own parts (probabilities, magnitudes, correlation, hierarchy) come from the
  // config's named streams; training and evaluation draw from two streams of their own.
  const model = await SyntheticModel.create(demoModelConfig(settings), { backend, featureDictionary: dictionary, onWarning: () => {} });
  const generator = model.createGenerator(rng.split('train-activations'));
  const evalGenerator = model.createGenerator(rng.split('eval-activations'));
  const sae = createTrainingSae(backend, { ...settings, dIn: settings.hiddenDim }, { rng: rng.split('sae-init') });
  const built = performance.now();

  const curves: CurvePoint[] = [];
  const probe = await evalGenerator.sampleSparseAsync(4096);
  const probeHidden = dictionary.forward(probe);
  const { tf } = backend;
  try {
    await trainToySae(backend, sae, dictionary, generator, {
      trainingSamples: settings.trainingSamples,
      batchSize: settings.batchSize,
      lr: settings.lr,
      nSnapshots: options.snapshots ?? 20,
      snapshotFn: async (trainer) => {
        const l0 = backend.tidy(() => tf.mean(tf.sum(tf.cast(tf.greater(sae.encode(probeHidden), 0), 'float32'), 1)));
        const loss = probeLoss(backend, sae, settings, probeHidden);
        const point: CurvePoint = {
          step: trainer.nTrainingSteps,
          loss: (await loss.data())[0]!,
          l0: (await l0.data())[0]!,
          mcc: meanCorrelationCoefficient(backend, sae.W_dec, dictionary.featureVectors),
        };
        tf.dispose([l0, loss]);
        curves.push(point);
        if (onSnapshot !== undefined) {
          onSnapshot({
            point,
            decoderSimilarity: await similarity(backend, sae.W_dec, dictionary.featureVectors),
            latentOrder: findBestFeatureOrdering(backend, sae.W_dec, dictionary.featureVectors),
          });
        }
      },
      ...progress,
    });
  } finally {
    probeHidden.dispose();
    generator.dispose();
  }
  const trained = performance.now();

  try {
    const evaluation = await evalSaeOnSyntheticData(backend, sae, dictionary, evalGenerator, { numSamples: settings.evalSamples, batchSize: 4096, ...progress });
    const encoderRows = backend.tidy(() => tf.transpose(sae.W_enc));
    const result: DemoResult = {
      backend: backend.name,
      settings,
      evaluation,
      curves,
      encoderSimilarity: await similarity(backend, encoderRows, dictionary.featureVectors),
      decoderSimilarity: await similarity(backend, sae.W_dec, dictionary.featureVectors),
      latentOrder: findBestFeatureOrdering(backend, sae.W_dec, dictionary.featureVectors),
      trueFiringRates: model.firingProbabilities,
      saeFiringRates: await latentFiringRates(backend, sae, dictionary, evalGenerator, 20_000),
      seconds: { build: (built - started) / 1000, train: (trained - built) / 1000, evaluate: (performance.now() - trained) / 1000 },
    };
    encoderRows.dispose();
    return result;
  } finally {
    evalGenerator.dispose();
    sae.dispose();
    model.dispose();
  }
}
