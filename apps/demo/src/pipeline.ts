/**
 * The demo pipeline: build a synthetic model, train a standard SAE on it, evaluate it against the
 * ground truth, and gather what the summary table and the report show. No terminal code here,
 * so the web page and the tests can run the same steps.
 */
import { Rng, createBackend } from '@synth/core';
import type { Backend, BackendRequest, ProgressListener, Tensor2D } from '@synth/core';
import { ActivationGenerator, zipfianFiringProbabilities } from '@synth/activations';
import { FeatureDictionary, orthogonalInitializer } from '@synth/dictionary';
import { cosineSimilarities, evalSaeOnSyntheticData, findBestFeatureOrdering, meanCorrelationCoefficient } from '@synth/eval';
import type { SyntheticDataEvalResult } from '@synth/eval';
import { StandardTrainingSAE, trainToySae } from '@synth/sae';
import type { CurvePoint, SimilarityMatrix } from './report/charts';

/** Everything a demo run can be told. */
export interface DemoSettings {
  readonly backend: BackendRequest;
  readonly seed: number;
  readonly numFeatures: number;
  readonly hiddenDim: number;
  /** Firing probabilities fall zipf-like (exponent 1) from `maxProb` to `minProb`. */
  readonly maxProb: number;
  readonly minProb: number;
  readonly dSae: number;
  readonly l1Coefficient: number;
  readonly trainingSamples: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly evalSamples: number;
}

/** Defaults sized to finish in about a minute on a laptop CPU. */
export const DEFAULT_SETTINGS: DemoSettings = {
  backend: 'wasm',
  seed: 42,
  numFeatures: 64,
  hiddenDim: 48,
  maxProb: 0.25,
  minProb: 0.02,
  dSae: 64,
  l1Coefficient: 0.1,
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

async function similarity(backend: Backend, saeRows: Tensor2D, features: Tensor2D): Promise<SimilarityMatrix> {
  const cos = cosineSimilarities(backend, saeRows, features);
  const values = (await cos.data()) as Float32Array;
  cos.dispose();
  return { rows: saeRows.shape[0], columns: features.shape[0], values };
}

/** Fraction of `samples` rows in which each latent is > 0. */
async function latentFiringRates(backend: Backend, sae: StandardTrainingSAE, dictionary: FeatureDictionary, generator: ActivationGenerator, samples: number): Promise<Float32Array> {
  const { tf } = backend;
  const acts = generator.sampleSparse(samples);
  const rates = backend.tidy(() => tf.mean(tf.cast(tf.greater(sae.encode(dictionary.forward(acts)), 0), 'float32'), 0));
  const data = (await rates.data()) as Float32Array;
  rates.dispose();
  return data;
}

/** Runs the pipeline; `onProgress` hears `orthogonalize`, `train` and `evaluate` events. */
export async function runPipeline(settings: DemoSettings, onProgress?: ProgressListener): Promise<DemoResult> {
  const started = performance.now();
  const backend = await createBackend(settings.backend);
  const rng = Rng.fromSeed(settings.seed);
  const dictionary = await FeatureDictionary.create({
    numFeatures: settings.numFeatures,
    hiddenDim: settings.hiddenDim,
    backend,
    rng: rng.split('feature-dictionary'),
    initializer: orthogonalInitializer({ numSteps: 100, ...(onProgress === undefined ? {} : { onProgress }) }),
  });
  const firingProbabilities = zipfianFiringProbabilities(settings.numFeatures, { exponent: 1, maxProb: settings.maxProb, minProb: settings.minProb });
  const generatorOptions = { numFeatures: settings.numFeatures, firingProbabilities, stdFiringMagnitudes: 0.05, meanFiringMagnitudes: 1, backend };
  const generator = new ActivationGenerator({ ...generatorOptions, rng: rng.split('train-activations') });
  const evalGenerator = new ActivationGenerator({ ...generatorOptions, rng: rng.split('eval-activations') });
  const sae = new StandardTrainingSAE(backend, { dIn: settings.hiddenDim, dSae: settings.dSae, l1Coefficient: settings.l1Coefficient, rng: rng.split('sae-init') });
  const built = performance.now();

  const curves: CurvePoint[] = [];
  const probe = evalGenerator.sampleSparse(4096);
  const probeHidden = dictionary.forward(probe);
  await trainToySae(backend, sae, dictionary, generator, {
    trainingSamples: settings.trainingSamples,
    batchSize: settings.batchSize,
    lr: settings.lr,
    nSnapshots: 20,
    snapshotFn: (trainer) => {
      const l0 = backend.tidy(() => backend.tf.mean(backend.tf.sum(backend.tf.cast(backend.tf.greater(sae.encode(probeHidden), 0), 'float32'), 1)));
      curves.push({
        step: trainer.nTrainingSteps,
        loss: Object.values(trainer.lastLosses).reduce((a, b) => a + b, 0),
        l0: l0.dataSync()[0]!,
        mcc: meanCorrelationCoefficient(backend, sae.W_dec, dictionary.featureVectors),
      });
      l0.dispose();
    },
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  probeHidden.dispose();
  const trained = performance.now();

  const evaluation = await evalSaeOnSyntheticData(backend, sae, dictionary, evalGenerator, {
    numSamples: settings.evalSamples,
    batchSize: 4096,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const encoderRows = backend.tidy(() => backend.tf.transpose(sae.W_enc));
  const result: DemoResult = {
    backend: backend.name,
    settings,
    evaluation,
    curves,
    encoderSimilarity: await similarity(backend, encoderRows, dictionary.featureVectors),
    decoderSimilarity: await similarity(backend, sae.W_dec, dictionary.featureVectors),
    latentOrder: findBestFeatureOrdering(backend, sae.W_dec, dictionary.featureVectors),
    trueFiringRates: firingProbabilities,
    saeFiringRates: await latentFiringRates(backend, sae, dictionary, evalGenerator, 20_000),
    seconds: { build: (built - started) / 1000, train: (trained - built) / 1000, evaluate: (performance.now() - trained) / 1000 },
  };
  encoderRows.dispose();
  sae.dispose();
  dictionary.dispose();
  return result;
}
