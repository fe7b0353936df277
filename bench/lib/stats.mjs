// Summary statistics shared by the runner and the comparison (the Python peer computes the same):
// `summarize` gives { median, min, max, spread }, spread = (max − min) / median. Defined with the
// workloads in apps/demo/src/bench/measure.ts.
export { median, summarize } from './workloads.mjs';
