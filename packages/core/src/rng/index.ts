/**
 * Seeded random streams: the public surface of `src/rng/` (re-exported by the package index).
 */
export { Rng } from './rng';
export type { RngState } from './rng-state';
export type { SplitKey } from './split-key';
export type { MutableArrayLike } from './sample';
export { philox4x32 } from './philox';
