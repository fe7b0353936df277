/**
 * Which features fired in a batch, in compressed-row form, and the builder that assembles it from
 * dense 0/1 masks block by block, or row by row from column lists.
 */
import { ValidationError } from '@synth/core';

/**
 * The firing positions of a `rows × columns` batch (CSR without values): row `r` fired at
 * columns `columnIndices[rowOffsets[r] .. rowOffsets[r + 1] − 1]`, strictly increasing.
 */
export interface FiringPattern {
  readonly rows: number;
  readonly columns: number;
  /** Length `rows + 1`, starting at 0. */
  readonly rowOffsets: Int32Array;
  readonly columnIndices: Int32Array;
}

/** Largest number of firing positions one pattern holds (its offsets are Int32Array). */
const MAX_ENTRIES = 2 ** 31 - 1;

/** Appends dense row-major 0/1 masks (block by block) or column lists (row by row) into one {@link FiringPattern}. */
export class FiringPatternBuilder {
  readonly #columns: number;
  readonly #rowOffsets: Int32Array;
  #columnIndices: Int32Array;
  #rowsDone = 0;
  #count = 0;

  constructor(rows: number, columns: number, expectedEntries = 1024) {
    this.#columns = columns;
    this.#rowOffsets = new Int32Array(rows + 1);
    this.#columnIndices = new Int32Array(Math.max(16, Math.min(expectedEntries, MAX_ENTRIES)));
  }

  /** Appends `blockRows` rows of `mask` (row-major, `blockRows × columns`, non-zero = fired). */
  append(mask: ArrayLike<number>, blockRows: number): void {
    const columns = this.#columns;
    for (let r = 0; r < blockRows; r++) {
      const base = r * columns;
      for (let j = 0; j < columns; j++) {
        if (mask[base + j] !== 0) this.#push(j);
      }
      this.#rowsDone++;
      this.#rowOffsets[this.#rowsDone] = this.#count;
    }
  }

  /** Appends one row given by its firing columns (strictly increasing). */
  appendRow(columns: ArrayLike<number>): void {
    for (let k = 0; k < columns.length; k++) this.#push(columns[k]!);
    this.#rowsDone++;
    this.#rowOffsets[this.#rowsDone] = this.#count;
  }

  #push(column: number): void {
    if (this.#count === this.#columnIndices.length) {
      if (this.#count === MAX_ENTRIES) {
        throw new ValidationError(`A firing pattern holds at most ${MAX_ENTRIES} positions; sample fewer rows per call.`);
      }
      const grown = new Int32Array(Math.min(MAX_ENTRIES, this.#count * 2));
      grown.set(this.#columnIndices);
      this.#columnIndices = grown;
    }
    this.#columnIndices[this.#count++] = column;
  }

  /** The finished pattern (column indices trimmed to their count). */
  finish(): FiringPattern {
    return {
      rows: this.#rowsDone,
      columns: this.#columns,
      rowOffsets: this.#rowOffsets,
      columnIndices: this.#columnIndices.slice(0, this.#count),
    };
  }
}
