/**
 * The sparse engine: SPEC §1.8's level-by-level semantics evaluated row by row, in time
 * proportional to the stored entries.
 *
 * Why this equals the level-by-level rule: each feature is changed only by its own level's parent
 * deactivation and by the mutual exclusion of its own group (one level earlier), and both only
 * zero. When a group is resolved its members still hold their input values. So a stored entry f
 * keeps its value exactly when (a) it does not lose its group's draw — it is active, the group has
 * ≥ 2 active members in the row, and another member has the higher score — is false, and (b) its
 * effective parent q is absent or is stored, > 0, and itself kept. The group's own activity test
 * can be skipped: when the group's parent is a feature, it is also f's effective parent, so an
 * inactive parent removes f through (b) anyway. Entries outside every tree are kept.
 */
import type { Rng, SparseRows } from '@synth/core';
import { beats, exclusionScore, rowStream } from './exclusion-scores';
import type { HierarchyTables } from './hierarchy-tables';

/** Scratch arrays reused across calls; "stamps" mark what belongs to the current row. */
export interface SparseScratch {
  stamp: number;
  readonly storedAt: Int32Array;
  readonly position: Int32Array;
  readonly resolvedAt: Int32Array;
  readonly alive: Uint8Array;
  readonly groupAt: Int32Array;
  readonly groupCount: Int32Array;
  readonly scoredAt: Int32Array;
  readonly winner: Int32Array;
  readonly best: Float64Array;
  readonly chain: Int32Array;
}

/** Scratch sized for `tables`. */
export function createSparseScratch(tables: HierarchyTables): SparseScratch {
  const size = tables.tableSize;
  const groups = tables.groupParent.length;
  return {
    stamp: 0,
    storedAt: new Int32Array(size),
    position: new Int32Array(size),
    resolvedAt: new Int32Array(size),
    alive: new Uint8Array(size),
    groupAt: new Int32Array(groups),
    groupCount: new Int32Array(groups),
    scoredAt: new Int32Array(groups),
    winner: new Int32Array(groups),
    best: new Float64Array(groups),
    chain: new Int32Array(tables.maxChain + 1),
  };
}

/**
 * Applies the hierarchy to `batch` and returns a new batch without the entries it zeroed (the
 * input is not changed). `stream` is the hierarchy's stream; `firstRow` the batch's absolute row.
 */
export function applySparse(tables: HierarchyTables, scratch: SparseScratch, batch: SparseRows, stream: Rng, firstRow: number): SparseRows {
  const { tableSize, parentOf, groupOf } = tables;
  const { storedAt, position, resolvedAt, alive, groupAt, groupCount, scoredAt, winner, best, chain } = scratch;
  const { rowOffsets, columnIndices, values } = batch;
  const keptRows = new Int32Array(batch.rows + 1);
  const keptColumns = new Int32Array(values.length);
  const keptValues = new Float32Array(values.length);
  let kept = 0;
  let stamp = 0;
  // Resolves "f is kept" for the stored f, walking up its chain of effective parents.
  const keep = (f: number): boolean => {
    let depth = 0;
    let x = f;
    let result: boolean;
    for (;;) {
      if (resolvedAt[x] === stamp) {
        result = alive[x] === 1;
        break;
      }
      const v = values[position[x]!]!;
      const g = groupOf[x]!;
      const loses = g >= 0 && v > 0 && groupCount[g]! >= 2 && winner[g] !== x;
      const q = parentOf[x]!;
      chain[depth++] = x;
      if (loses || (q >= 0 && !(storedAt[q] === stamp && values[position[q]!]! > 0))) {
        result = false;
        break;
      }
      if (q < 0) {
        result = true;
        break;
      }
      x = q;
    }
    for (let i = 0; i < depth; i++) {
      resolvedAt[chain[i]!] = stamp;
      alive[chain[i]!] = result ? 1 : 0;
    }
    return result;
  };
  for (let r = 0; r < batch.rows; r++) {
    if (scratch.stamp >= 0x7fffffff) resetStamps(scratch);
    stamp = ++scratch.stamp;
    const start = rowOffsets[r]!;
    const end = rowOffsets[r + 1]!;
    let conflict = false;
    for (let k = start; k < end; k++) {
      const f = columnIndices[k]!;
      if (f >= tableSize) continue;
      storedAt[f] = stamp;
      position[f] = k;
      const g = groupOf[f]!;
      if (g < 0 || !(values[k]! > 0)) continue;
      if (groupAt[g] === stamp) {
        groupCount[g]!++;
        conflict = true;
      } else {
        groupAt[g] = stamp;
        groupCount[g] = 1;
      }
    }
    if (conflict) {
      const row = rowStream(stream, firstRow + r);
      for (let k = start; k < end; k++) {
        const f = columnIndices[k]!;
        const g = f < tableSize ? groupOf[f]! : -1;
        if (g < 0 || !(values[k]! > 0) || groupCount[g]! < 2) continue;
        const score = exclusionScore(row, f);
        if (scoredAt[g] !== stamp || beats(score, f, best[g]!, winner[g]!)) {
          scoredAt[g] = stamp;
          best[g] = score;
          winner[g] = f;
        }
      }
    }
    for (let k = start; k < end; k++) {
      const f = columnIndices[k]!;
      if (f < tableSize && !keep(f)) continue;
      keptColumns[kept] = f;
      keptValues[kept++] = values[k]!;
    }
    keptRows[r + 1] = kept;
  }
  return { rows: batch.rows, columns: batch.columns, rowOffsets: keptRows, columnIndices: keptColumns.slice(0, kept), values: keptValues.slice(0, kept) };
}

function resetStamps(scratch: SparseScratch): void {
  for (const array of [scratch.storedAt, scratch.resolvedAt, scratch.groupAt, scratch.scoredAt]) array.fill(0);
  scratch.stamp = 0;
}
