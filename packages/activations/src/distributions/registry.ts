/**
 * `Registry<T>`: a string → value map that refuses to overwrite a name (SPEC §1.2, SAELens
 * `registry.py`). The firing-probability and magnitude registries are two instances of it.
 */
import { InvalidArgumentError } from '@synth/core';

/**
 * A string → value map whose names are registered once. Users extend the built-in registries
 * with their own config classes through it.
 *
 * @remarks
 * SAELens's `Registry` is a `dict` subclass, so plain item assignment can overwrite a name; this
 * one has no such back door: `register` is the only way in.
 * @example
 * ```ts
 * const registry = new Registry<number>([['a', 1]]);
 * registry.register('b', 2);
 * registry.getOrRaise('b'); // 2
 * registry.names(); // ['a', 'b']
 * ```
 * @throws InvalidArgumentError from the constructor when `entries` repeats a name.
 */
export class Registry<T> {
  readonly #values = new Map<string, T>();

  constructor(entries: Iterable<readonly [string, T]> = []) {
    for (const [name, value] of entries) this.register(name, value);
  }

  /**
   * Adds `value` under `name`.
   *
   * @example
   * ```ts
   * new Registry<number>().register('a', 1);
   * ```
   * @throws InvalidArgumentError containing "'{name}' is already registered." when the name is taken,
   * or when `name` is not a string.
   */
  register(name: string, value: T): void {
    if (typeof name !== 'string') throw new InvalidArgumentError('name', 'a string', name);
    if (this.#values.has(name)) {
      throw new InvalidArgumentError('name', 'a name not yet registered', name, { detail: `(${pythonRepr(name)} is already registered.)` });
    }
    this.#values.set(name, value);
  }

  /**
   * The value registered under `name`.
   *
   * @example
   * ```ts
   * new Registry([['a', 1]]).getOrRaise('a'); // 1
   * ```
   * @throws InvalidArgumentError containing "Unknown name: '{name}'. Available: [...]" (the known
   * names, in registration order) when nothing is registered under `name`.
   */
  getOrRaise(name: string): T {
    if (!this.#values.has(name)) {
      const available = `[${this.names().map(pythonRepr).join(', ')}]`;
      throw new InvalidArgumentError('name', 'a registered name', name, {
        detail: `(Unknown name: ${pythonRepr(String(name))}. Available: ${available})`,
      });
    }
    return this.#values.get(name) as T;
  }

  /**
   * Whether `name` is registered.
   *
   * @example
   * ```ts
   * new Registry([['a', 1]]).has('b'); // false
   * ```
   * @throws Nothing.
   */
  has(name: string): boolean {
    return this.#values.has(name);
  }

  /**
   * The registered names, in registration order.
   *
   * @example
   * ```ts
   * new Registry([['a', 1], ['b', 2]]).names(); // ['a', 'b']
   * ```
   * @throws Nothing.
   */
  names(): string[] {
    return [...this.#values.keys()];
  }

  /**
   * Number of registered names.
   *
   * @example
   * ```ts
   * new Registry([['a', 1]]).size; // 1
   * ```
   * @throws Nothing.
   */
  get size(): number {
    return this.#values.size;
  }

  /**
   * `[name, value]` pairs in registration order.
   *
   * @example
   * ```ts
   * for (const [name, value] of new Registry([['a', 1]])) console.log(name, value);
   * ```
   * @throws Nothing.
   */
  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.#values.entries();
  }
}

/** Python's `repr` of a str (as SAELens's messages print names): single quotes unless the text holds one. */
function pythonRepr(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  if (text.includes("'") && !text.includes('"')) return `"${escaped}"`;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}
