// The benchmark module of the built CLI (dist/bench.js): what bench/run.mjs, bench/compare.mjs
// and bench/table.mjs load, so the workloads have one definition.
export { WORKLOADS, WORKLOAD_NAMES, selectWorkloads } from './workloads';
export { machine, measureWorkload, median, resolveSize, summarize } from './measure';
export type { BenchResult, MeasureOptions, Summary } from './measure';
export type { Workload, WorkloadGoal, WorkloadInstance, WorkloadMetrics, WorkloadPlan, WorkloadSize } from './workload';
