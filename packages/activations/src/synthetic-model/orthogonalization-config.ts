/**
 * SAELens's `OrthogonalizationConfig`: how a synthetic model's feature dictionary is
 * orthogonalised (Adam steps over the pairwise cosine similarities).
 */
import { InvalidArgumentError, assertInteger } from '@synth/core';

/** JSON form: `{ num_steps, lr, chunk_size }`, as SAELens writes it. */
export interface OrthogonalizationConfigDict {
  num_steps: number;
  lr: number;
  chunk_size: number;
}

/**
 * Settings of the feature dictionary's orthogonalization. Defaults as SAELens: 200 steps, lr 0.01,
 * chunks of 1024 rows.
 *
 * @example
 * ```ts
 * const ortho = new OrthogonalizationConfig({ numSteps: 100, lr: 3e-4 });
 * ortho.toDict(); // { num_steps: 100, lr: 0.0003, chunk_size: 1024 }
 * ```
 * @throws InvalidArgumentError for a step count that is not an integer >= 0, a learning rate that
 *   is not finite and > 0, or a chunk size that is not an integer >= 1.
 */
export class OrthogonalizationConfig {
  readonly numSteps: number;
  readonly lr: number;
  readonly chunkSize: number;

  constructor(options: { numSteps?: number; lr?: number; chunkSize?: number } = {}) {
    this.numSteps = options.numSteps ?? 200;
    this.lr = options.lr ?? 0.01;
    this.chunkSize = options.chunkSize ?? 1024;
    assertInteger('orthogonalization.numSteps', this.numSteps, 0);
    if (!(this.lr > 0 && this.lr < Infinity)) throw new InvalidArgumentError('orthogonalization.lr', 'a finite number > 0', this.lr);
    assertInteger('orthogonalization.chunkSize', this.chunkSize, 1);
  }

  /**
   * SAELens's `to_dict()`.
   *
   * @example
   * ```ts
   * new OrthogonalizationConfig().toDict(); // { num_steps: 200, lr: 0.01, chunk_size: 1024 }
   * ```
   * @throws Nothing.
   */
  toDict(): OrthogonalizationConfigDict {
    return { num_steps: this.numSteps, lr: this.lr, chunk_size: this.chunkSize };
  }

  /**
   * SAELens's `from_dict()`: missing keys take the defaults.
   *
   * @example
   * ```ts
   * OrthogonalizationConfig.fromDict({ num_steps: 10 }).numSteps; // 10
   * ```
   * @throws InvalidArgumentError for an unknown key (SAELens's `cls(**d)` raises on one too) or a bad value.
   */
  static fromDict(dict: Partial<OrthogonalizationConfigDict>): OrthogonalizationConfig {
    rejectUnknownKeys('orthogonalization', dict, ['num_steps', 'lr', 'chunk_size']);
    return new OrthogonalizationConfig({
      ...(dict.num_steps === undefined ? {} : { numSteps: dict.num_steps }),
      ...(dict.lr === undefined ? {} : { lr: dict.lr }),
      ...(dict.chunk_size === undefined ? {} : { chunkSize: dict.chunk_size }),
    });
  }
}

/**
 * Throws for keys a SAELens dataclass would not accept (`cls(**d)` raises a TypeError on them).
 *
 * @internal
 */
export function rejectUnknownKeys(parameter: string, dict: object, known: readonly string[]): void {
  if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) throw new InvalidArgumentError(parameter, 'an object', dict);
  const unknown = Object.keys(dict).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new InvalidArgumentError(parameter, `only the keys ${known.join(', ')}`, unknown.join(', '));
}
