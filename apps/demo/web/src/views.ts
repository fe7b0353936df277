/**
 * What the page draws: the charts (the report's own Vega-Lite specs from src/report/charts.ts)
 * and the tables. Each chart keeps one live Vega view: a new snapshot only swaps its data, so the
 * spec is compiled and parsed once per run, not per snapshot, and the page's thread stays free.
 * Draws are coalesced: while one runs, only the newest pending data is drawn next.
 */
import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { firingRateHistogram, similarityHeatmap, trainingCurves } from '../../src/report/charts';
import type { CurvePoint, SimilarityMatrix } from '../../src/report/charts';

/** The page's look for Vega-Lite: its font and quiet axes; titles live in the HTML. */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  axis: { labelColor: '#475467', titleColor: '#344054', gridColor: '#eaecf0', domainColor: '#98a2b3', tickColor: '#98a2b3', titleFontWeight: 500 },
  header: { labelFontSize: 12, labelFontWeight: 600, labelColor: '#344054' },
  legend: { labelColor: '#475467', titleColor: '#344054' },
  view: { stroke: '#eaecf0' },
  line: { color: '#2563eb', strokeWidth: 2 },
  point: { color: '#2563eb', size: 18 },
};

/** Name of the data set a live view's values are swapped into. */
const DATA = 'points';

/** The spec without its title and inline values (the view's identity), and the values. */
function split(spec: TopLevelSpec): { key: string; shape: TopLevelSpec; values: unknown[] } {
  const { title: _title, data, ...rest } = spec as TopLevelSpec & { data: { values: unknown[] } };
  const shape = { ...rest, data: { name: DATA }, config: CONFIG } as TopLevelSpec;
  return { key: JSON.stringify(shape), shape, values: data.values };
}

/** One chart element and its live view. */
class ChartSlot {
  #drawing = false;
  #pending: (() => TopLevelSpec) | undefined;
  #view: View | undefined;
  #key = '';

  constructor(readonly element: HTMLElement) {}

  show(spec: () => TopLevelSpec): void {
    this.#pending = spec;
    if (!this.#drawing) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#drawing = true;
    try {
      while (this.#pending !== undefined) {
        const next = this.#pending;
        this.#pending = undefined;
        await this.#draw(next());
      }
    } catch (error) {
      this.element.textContent = `Could not draw the chart: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.#drawing = false;
    }
  }

  async #draw(spec: TopLevelSpec): Promise<void> {
    const { key, shape, values } = split(spec);
    if (this.#view === undefined || key !== this.#key) {
      // A new shape (first draw, another size of matrix, points switched off): a new view.
      this.#view?.finalize();
      this.element.replaceChildren();
      this.#view = new View(parse(compile(shape).spec), { renderer: 'svg', container: this.element, hover: false });
      this.#key = key;
    }
    this.#view.data(DATA, values);
    await this.#view.runAsync();
  }
}

/** The page's charts. */
export class Charts {
  readonly #curves: ChartSlot;
  readonly #heatmap: ChartSlot;
  readonly #rates: ChartSlot;

  constructor(curves: HTMLElement, heatmap: HTMLElement, rates: HTMLElement) {
    this.#curves = new ChartSlot(curves);
    this.#heatmap = new ChartSlot(heatmap);
    this.#rates = new ChartSlot(rates);
  }

  curves(points: readonly CurvePoint[]): void {
    const copy = [...points];
    this.#curves.show(() => trainingCurves(copy, false));
  }

  heatmap(matrix: SimilarityMatrix, latentOrder: ArrayLike<number>): void {
    this.#heatmap.show(() => similarityHeatmap('SAE decoder', matrix, latentOrder));
  }

  rates(trueRates: ArrayLike<number>, saeRates: ArrayLike<number>): void {
    this.#rates.show(() => firingRateHistogram(trueRates, saeRates));
  }
}

/** Fills a two-column table; rows named in `key` are emphasised. */
export function fillTable(table: HTMLTableElement, rows: readonly (readonly [string, string])[], key: readonly string[] = []): void {
  const body = table.tBodies[0] ?? table.createTBody();
  body.replaceChildren(...rows.map(([name, value]) => {
    const tr = document.createElement('tr');
    if (key.includes(name)) tr.className = 'key';
    const th = document.createElement('th');
    th.textContent = name;
    const td = document.createElement('td');
    td.textContent = value;
    tr.append(th, td);
    return tr;
  }));
}
