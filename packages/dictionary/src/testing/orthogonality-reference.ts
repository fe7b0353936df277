/**
 * The orthogonality loss and gradient in float64, straight from the definitions, with the
 * magnitudes that bound float32 rounding of the two ways synth computes them. Test-only.
 */

/** Float64 loss, gradient and rounding magnitudes of `L(E) = Σ_{i≠j}G_ij² + N·Σ_i(G_ii − 1)²`. */
export interface OrthogonalityReference {
  readonly loss: number;
  readonly gradient: Float64Array;
  /** Σ|terms| of each gradient entry in the row-block form (`Σ_j G_ij e_j`). */
  readonly magnitude: Float64Array;
  /** Σ|terms| of each gradient entry in the Gram form (`E·(EᵀE)`), where `G_ij` is itself a sum. */
  readonly gramMagnitude: Float64Array;
  /** Σ|terms| of the loss in the Gram form (`‖EᵀE‖²_F − Σ G_ii² + N·Σ(G_ii − 1)²`). */
  readonly gramLossMagnitude: number;
}

/**
 * @example
 * ```ts
 * const { loss, gradient } = orthogonalityReference(e, rows, columns);
 * ```
 */
export function orthogonalityReference(e: Float32Array, rows: number, columns: number): OrthogonalityReference {
  const at = (i: number, k: number): number => e[i * columns + k]!;
  const g = new Float64Array(rows * rows);
  const absoluteG = new Float64Array(rows * rows); // Σ_l |e_il e_jl|
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      for (let k = 0; k < columns; k++) {
        g[i * rows + j]! += at(i, k) * at(j, k);
        absoluteG[i * rows + j]! += Math.abs(at(i, k) * at(j, k));
      }
    }
  }
  let loss = 0;
  const gradient = new Float64Array(rows * columns);
  const magnitude = new Float64Array(rows * columns);
  const gramMagnitude = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    const gii = g[i * rows + i]!;
    for (let j = 0; j < rows; j++) {
      const gij = g[i * rows + j]!;
      const weight = i === j ? 4 * rows * (gij - 1) : 4 * gij;
      loss += i === j ? rows * (gij - 1) ** 2 : gij ** 2;
      for (let k = 0; k < columns; k++) {
        gradient[i * columns + k]! += weight * at(j, k);
        magnitude[i * columns + k]! += Math.abs(weight * at(j, k)) + 4 * rows * Math.abs(at(j, k));
        gramMagnitude[i * columns + k]! += 4 * absoluteG[i * rows + j]! * Math.abs(at(j, k));
      }
    }
    for (let k = 0; k < columns; k++) gramMagnitude[i * columns + k]! += 4 * (rows * (Math.abs(gii - 1) + gii) + gii) * Math.abs(at(i, k));
  }
  // ‖EᵀE‖²_F: each entry M_kl is a sum with Σ|terms| A_kl = Σ_r |e_rk e_rl|.
  let gramLossMagnitude = 0;
  for (let k = 0; k < columns; k++) {
    for (let l = 0; l < columns; l++) {
      let absolute = 0;
      for (let r = 0; r < rows; r++) absolute += Math.abs(at(r, k) * at(r, l));
      gramLossMagnitude += 2 * absolute ** 2;
    }
  }
  for (let i = 0; i < rows; i++) {
    const gii = g[i * rows + i]!;
    gramLossMagnitude += gii ** 2 + rows * (gii - 1) ** 2 + rows * gii;
  }
  return { loss, gradient, magnitude, gramMagnitude, gramLossMagnitude };
}
