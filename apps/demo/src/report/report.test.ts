import { describe, expect, it } from 'vitest';
import { MAX_HEATMAP_SIDE, similarityHeatmap } from './charts';
import { renderReport } from './report';

const identity = (n: number): Float32Array => Float32Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0));

describe('renderReport', () => {
  it('is one self-contained HTML document with every chart as inline SVG and the tables', async () => {
    const html = await renderReport({
      title: 'synth demo <run>',
      settings: [['features', '4']],
      metrics: [['MCC', '0.999']],
      encoderSimilarity: { rows: 4, columns: 4, values: identity(4) },
      decoderSimilarity: { rows: 4, columns: 4, values: identity(4) },
      latentOrder: [0, 1, 2, 3],
      curves: [{ step: 0, loss: 2, l0: 3 }, { step: 10, loss: 1, l0: 2, mcc: 0.9 }],
      trueFiringRates: [0.1, 0.2, 0.3, 0],
      saeFiringRates: [0.1, 0.2, 0.3, 0.05],
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('synth demo &lt;run&gt;');
    expect(html).toContain('<th>MCC</th><td>0.999</td>');
  });

  it('shows only the top-left corner of very large heatmaps, and says so', () => {
    const n = MAX_HEATMAP_SIDE + 10;
    const spec = similarityHeatmap('SAE decoder', { rows: n, columns: n, values: identity(n) }, Int32Array.from({ length: n }, (_, i) => i));
    expect(spec.title).toBe(`SAE decoder (first ${MAX_HEATMAP_SIDE} × ${MAX_HEATMAP_SIDE})`);
    expect(((spec as { data: { values: unknown[] } }).data.values).length).toBe(MAX_HEATMAP_SIDE ** 2);
  });
});
