/**
 * The self-contained HTML report of a demo run: metrics table, similarity heatmaps, training
 * curves and firing-rate histogram, as inline SVG (opens offline, no scripts).
 */
import { firingRateHistogram, similarityHeatmap, trainingCurves } from './charts';
import type { CurvePoint, SimilarityMatrix } from './charts';
import { renderSvg } from './render-svg';

/** Everything the report shows. */
export interface ReportData {
  readonly title: string;
  /** Rows of the settings table, e.g. `['features', '32']`. */
  readonly settings: readonly (readonly [string, string])[];
  /** Rows of the metrics table, e.g. `['MCC', '0.998']`. */
  readonly metrics: readonly (readonly [string, string])[];
  readonly encoderSimilarity: SimilarityMatrix;
  readonly decoderSimilarity: SimilarityMatrix;
  /** SAE latents ordered by their best-matching true feature. */
  readonly latentOrder: ArrayLike<number>;
  readonly curves: readonly CurvePoint[];
  readonly trueFiringRates: ArrayLike<number>;
  readonly saeFiringRates: ArrayLike<number>;
}

const escape = (text: string): string => text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

function table(caption: string, rows: readonly (readonly [string, string])[]): string {
  const body = rows.map(([name, value]) => `<tr><th>${escape(name)}</th><td>${escape(value)}</td></tr>`).join('');
  return `<table><caption>${escape(caption)}</caption>${body}</table>`;
}

/** Renders the report as one HTML string. */
export async function renderReport(data: ReportData): Promise<string> {
  const [encoder, decoder, curves, rates] = await Promise.all([
    renderSvg(similarityHeatmap('SAE encoder', data.encoderSimilarity, data.latentOrder)),
    renderSvg(similarityHeatmap('SAE decoder', data.decoderSimilarity, data.latentOrder)),
    renderSvg(trainingCurves(data.curves)),
    renderSvg(firingRateHistogram(data.trueFiringRates, data.saeFiringRates)),
  ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(data.title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.4rem; } section { margin: 1.5rem 0; } .row { display: flex; flex-wrap: wrap; gap: 1.5rem; }
table { border-collapse: collapse; margin-right: 2rem; } caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { padding: .2rem .8rem; border-bottom: 1px solid #ddd; text-align: left; } td { font-variant-numeric: tabular-nums; }
</style></head><body>
<h1>${escape(data.title)}</h1>
<section class="row">${table('Settings', data.settings)}${table('Metrics', data.metrics)}</section>
<section><h2>Cosine similarity with true features</h2><div class="row">${encoder}${decoder}</div></section>
<section>${curves}</section>
<section>${rates}</section>
</body></html>
`;
}
