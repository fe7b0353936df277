import { expect, it } from 'vitest';
import { SyntheticDataEvalResult } from './eval-result';

const result = new SyntheticDataEvalResult({
  trueL0: 4,
  saeL0: 4.04,
  deadLatents: 0,
  shrinkage: 0.975,
  explainedVariance: 0.99,
  mcc: 1,
  uniqueness: 1,
  classification: { precision: 0.9, recall: 0.8, f1Score: 0.85, accuracy: 0.95 },
});

it('flattens to a prefixed log dict with SAELens key names', () => {
  expect(result.toLogDict('synthetic/')).toEqual({
    'synthetic/true_l0': 4,
    'synthetic/sae_l0': 4.04,
    'synthetic/dead_latents': 0,
    'synthetic/shrinkage': 0.975,
    'synthetic/explained_variance': 0.99,
    'synthetic/mcc': 1,
    'synthetic/uniqueness': 1,
    'synthetic/classification/precision': 0.9,
    'synthetic/classification/recall': 0.8,
    'synthetic/classification/f1_score': 0.85,
    'synthetic/classification/accuracy': 0.95,
  });
});

it('nests classification in the JSON dict, in SAELens field order', () => {
  const dict = result.toDict();
  expect(Object.keys(dict)).toEqual(['true_l0', 'sae_l0', 'dead_latents', 'shrinkage', 'explained_variance', 'mcc', 'uniqueness', 'classification']);
  expect(JSON.parse(JSON.stringify(dict))).toEqual(dict);
  expect(dict.classification.f1_score).toBe(0.85);
});
