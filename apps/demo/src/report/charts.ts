/**
 * Vega-Lite chart specs for the report. Each takes plain data and returns a spec; rendering to
 * SVG happens in render-svg.ts, so the specs stay testable on their own.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A cosine-similarity matrix: `values[r * columns + c]` for SAE latent r and true feature c. */
export interface SimilarityMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly values: ArrayLike<number>;
}

/** Above this many cells a heatmap shows its top-left corner only (SVG size grows per cell). */
export const MAX_HEATMAP_SIDE = 96;

/** Heatmap of cosine similarities, SAE latents (rows, reordered by best match) × true features. */
export function similarityHeatmap(title: string, matrix: SimilarityMatrix, latentOrder: ArrayLike<number>): TopLevelSpec {
  const rows = Math.min(matrix.rows, MAX_HEATMAP_SIDE);
  const columns = Math.min(matrix.columns, MAX_HEATMAP_SIDE);
  const values: { latent: number; feature: number; cos: number }[] = [];
  for (let r = 0; r < rows; r++) {
    const latent = latentOrder[r]!;
    for (let c = 0; c < columns; c++) values.push({ latent: r, feature: c, cos: Math.round(matrix.values[latent * matrix.columns + c]! * 100) / 100 });
  }
  const clipped = rows < matrix.rows || columns < matrix.columns ? ` (first ${rows} × ${columns})` : '';
  const cell = Math.max(3, Math.min(14, Math.floor(420 / Math.max(rows, columns))));
  return {
    title: `${title}${clipped}`,
    data: { values },
    mark: 'rect',
    width: columns * cell,
    height: rows * cell,
    encoding: {
      x: { field: 'feature', type: 'ordinal', title: 'True feature', axis: { labels: columns <= 32 } },
      y: { field: 'latent', type: 'ordinal', title: 'SAE latent (reordered)', axis: { labels: rows <= 32 } },
      color: { field: 'cos', type: 'quantitative', title: 'cos sim', scale: { scheme: 'redblue', domain: [-1, 1], reverse: true } },
    },
  };
}

/** One point of the training curves. */
export interface CurvePoint {
  readonly step: number;
  readonly loss: number;
  readonly l0: number;
  readonly mcc?: number;
}

/**
 * Loss, L0 and (where measured) MCC against training step, one small chart each. Points are
 * marked on short curves unless `markPoints` says otherwise (a live chart fixes it, so its
 * spec does not change shape halfway through a run).
 */
export function trainingCurves(points: readonly CurvePoint[], markPoints?: boolean): TopLevelSpec {
  const values = points.flatMap((p) => [
    { step: p.step, metric: 'loss', value: p.loss },
    { step: p.step, metric: 'L0', value: p.l0 },
    ...(p.mcc === undefined ? [] : [{ step: p.step, metric: 'MCC', value: p.mcc }]),
  ]);
  return {
    title: 'Training curves',
    data: { values },
    facet: { column: { field: 'metric', type: 'nominal', title: null, sort: ['loss', 'L0', 'MCC'] } },
    spec: {
      width: 220,
      height: 160,
      mark: { type: 'line', point: markPoints ?? values.length < 60 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'step' },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Histogram of log10 firing rates, true features vs SAE latents, overlaid. */
export function firingRateHistogram(trueRates: ArrayLike<number>, saeRates: ArrayLike<number>): TopLevelSpec {
  const floor = 1e-6; // a feature that never fired is drawn at 10⁻⁶ so it stays visible
  const values = [
    ...Array.from(trueRates, (rate) => ({ source: 'true features', log10rate: Math.log10(Math.max(rate, floor)) })),
    ...Array.from(saeRates, (rate) => ({ source: 'SAE latents', log10rate: Math.log10(Math.max(rate, floor)) })),
  ];
  return {
    title: 'Firing rates',
    data: { values },
    width: 420,
    height: 200,
    mark: { type: 'bar', opacity: 0.6 },
    encoding: {
      x: { field: 'log10rate', type: 'quantitative', bin: { maxbins: 40 }, title: 'log10 firing rate' },
      y: { aggregate: 'count', type: 'quantitative', title: 'count', stack: null },
      color: { field: 'source', type: 'nominal', title: null },
    },
  };
}
