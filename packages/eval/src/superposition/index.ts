export { computeSuperpositionStats } from './superposition-stats';
export type { SuperpositionStats, SuperpositionStatsOptions } from './superposition-stats';
