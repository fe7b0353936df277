import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress';
import type { ProgressEvent } from './progress';

describe('createProgressReporter', () => {
  it('emits about once per percent, in order, then exactly one final event', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (total) => {
        const events: ProgressEvent[] = [];
        const progress = createProgressReporter('train', total, (e) => events.push(e));
        for (let i = 0; i < total; i++) progress.advance(1, { loss: i });
        progress.finish({ loss: -1 });
        progress.finish();
        expect(events.length).toBeLessThanOrEqual(101);
        expect(events.at(-1)).toEqual({ task: 'train', completed: total, total, metrics: { loss: -1 } });
        for (let i = 1; i < events.length; i++) expect(events[i]!.completed).toBeGreaterThan(events[i - 1]!.completed);
      }),
    );
  });

  it('is a no-op without a listener', () => {
    const progress = createProgressReporter('x', 10, undefined);
    progress.advance();
    progress.finish();
  });

  it('emits every advance when the total is unknown', () => {
    const seen: number[] = [];
    const progress = createProgressReporter('stream', undefined, (e) => seen.push(e.completed));
    progress.advance(2);
    progress.advance(3);
    expect(seen).toEqual([2, 5]);
  });
});
