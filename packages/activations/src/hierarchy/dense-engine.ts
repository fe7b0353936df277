/**
 * The dense engine, a direct transcription of SAELens's `_apply_hierarchy_sparse` (its dense
 * path): level by level over all rows, parent deactivation, then mutual exclusion. It costs
 * O(rows × hierarchy size) and exists as a convenience and as an independent check of the sparse
 * engine (both draw the survivor from the same per-(row, feature) scores).
 */
import type { Rng } from '@synth/core';
import { beats, exclusionScore, rowStream } from './exclusion-scores';
import type { HierarchyTables } from './hierarchy-tables';

/**
 * Returns a copy of the row-major `activations` (`rows × columns`) with the hierarchy applied.
 * Zeroed entries become +0 (SAELens multiplies by 0, which gives -0 for a negative value; the
 * two compare equal).
 */
export function applyDense(
  tables: HierarchyTables,
  activations: Float32Array,
  rows: number,
  columns: number,
  stream: Rng,
  firstRow: number,
): Float32Array {
  const out = activations.slice();
  const { groupParent, groupOffsets, groupMembers } = tables;
  for (const level of tables.levels) {
    // 1. Parent deactivation: zero a feature where its effective parent is not > 0.
    level.features.forEach((feature, i) => {
      const parent = level.parents[i]!;
      for (let r = 0, base = 0; r < rows; r++, base += columns) {
        if (!(out[base + parent]! > 0)) out[base + feature] = 0;
      }
    });
    // 2. Mutual exclusion for the groups whose parent node is at this level.
    for (const g of level.groups) {
      const parent = groupParent[g]!;
      const first = groupOffsets[g]!;
      const last = groupOffsets[g + 1]!;
      for (let r = 0, base = 0; r < rows; r++, base += columns) {
        if (parent >= 0 && !(out[base + parent]! > 0)) continue;
        let active = 0;
        for (let m = first; m < last; m++) if (out[base + groupMembers[m]!]! > 0) active++;
        if (active < 2) continue;
        const row = rowStream(stream, firstRow + r);
        let winner = -1;
        let best = -1;
        for (let m = first; m < last; m++) {
          const feature = groupMembers[m]!;
          if (!(out[base + feature]! > 0)) continue;
          const score = exclusionScore(row, feature);
          if (winner < 0 || beats(score, feature, best, winner)) {
            winner = feature;
            best = score;
          }
        }
        for (let m = first; m < last; m++) {
          const feature = groupMembers[m]!;
          if (feature !== winner && out[base + feature]! > 0) out[base + feature] = 0;
        }
      }
    }
  }
  return out;
}
