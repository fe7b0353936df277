/**
 * The randomness of mutual exclusion. In a conflict (two or more active siblings in one row), the
 * survivor is the active sibling with the highest score, where the score of feature f in absolute
 * row R is a uniform draw that depends only on (stream, R, f):
 * `rng.split(streamName).split(R)`, words 2f and 2f + 1 read as a 53-bit float.
 *
 * Why scores rather than one draw per conflict: a score is a pure function of (row, feature), so
 * the survivor does not depend on the order in which rows, groups or entries are visited. The
 * sparse and dense engines, and any cut of the stream into batches, therefore pick the same
 * survivor. The highest of k independent uniforms is equally likely to be any of the k (SAELens
 * also takes the argmax of uniform scores); ties (probability about k²·2^-54) go to the smaller
 * feature index.
 */
import type { Rng } from '@synth/core';

/** Default name of the hierarchy's sub-stream of the modifier context's `rng`. */
export const HIERARCHY_STREAM = 'hierarchy';

/** The stream of one absolute row. */
export function rowStream(hierarchyStream: Rng, absoluteRow: number): Rng {
  return hierarchyStream.split(absoluteRow);
}

/** Uniform score in [0, 1) of feature `feature` in the row whose stream is `row`. */
export function exclusionScore(row: Rng, feature: number): number {
  return row.seek(2 * feature).nextFloat64();
}

/** Whether candidate (score, feature) beats the current best (higher score; ties to the smaller index). */
export function beats(score: number, feature: number, bestScore: number, bestFeature: number): boolean {
  return score > bestScore || (score === bestScore && feature < bestFeature);
}
