export { computeCorrelationMatrixStats } from './correlation-matrix-stats';
export type { CorrelationMatrixStats } from './correlation-matrix-stats';
export { computeLowRankCorrelationMatrixStats } from './low-rank-correlation-matrix-stats';
