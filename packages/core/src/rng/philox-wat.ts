/**
 * WebAssembly text of the Philox4x32-10 bulk kernel. `philox-wasm.test.ts` assembles it with
 * `wabt` and checks the bytes against `philox-wasm-bytes.ts` (regenerate that file with
 * `pnpm exec vitest run src/rng/philox-wasm.test.ts -u`).
 *
 * The kernel exports `memory` (one 64 KiB page) and
 * `fill(k0, k1, c0, c1, c2, c3, blocks)`, which writes `blocks` consecutive Philox blocks,
 * counters `[c0 + i, c1 (+ carry), c2, c3]`, as 4 little-endian words each from address 0.
 * `i64.mul` gives the full 64-bit product that plain JavaScript has to assemble from doubles.
 */
import { PHILOX_M0, PHILOX_M1, PHILOX_ROUNDS, PHILOX_W0, PHILOX_W1 } from './philox';

function round(r: number): string {
  const product0 = `(i64.mul (i64.extend_i32_u (local.get $x0)) (i64.const ${PHILOX_M0}))`;
  const product1 = `(i64.mul (i64.extend_i32_u (local.get $x2)) (i64.const ${PHILOX_M1}))`;
  const high = (product: string) => `(i32.wrap_i64 (i64.shr_u (local.get ${product}) (i64.const 32)))`;
  return [
    `(local.set $p0 ${product0})`,
    `(local.set $p1 ${product1})`,
    `(local.set $x0 (i32.xor (i32.xor ${high('$p1')} (local.get $x1)) (local.get $ka${r})))`,
    `(local.set $x1 (i32.wrap_i64 (local.get $p1)))`,
    `(local.set $x2 (i32.xor (i32.xor ${high('$p0')} (local.get $x3)) (local.get $kb${r})))`,
    `(local.set $x3 (i32.wrap_i64 (local.get $p0)))`,
  ].join('\n      ');
}

/**
 * Returns the kernel's WebAssembly text, with the ten rounds unrolled and the round keys
 * (key + r * Weyl increment) computed once per call.
 *
 * @example
 * ```ts
 * const text = philoxWat(); // '(module\n  (memory (export "memory") 1) ...'
 * ```
 */
export function philoxWat(): string {
  const rounds = Array.from({ length: PHILOX_ROUNDS }, (_, r) => r);
  const keyLocals = rounds.map((r) => `(local $ka${r} i32) (local $kb${r} i32)`).join(' ');
  const roundKeys = rounds.map(
    (r) =>
      `(local.set $ka${r} (i32.add (local.get $k0) (i32.const ${Math.imul(PHILOX_W0, r)})))\n    ` +
      `(local.set $kb${r} (i32.add (local.get $k1) (i32.const ${Math.imul(PHILOX_W1, r)})))`,
  );
  return `(module
  (memory (export "memory") 1)
  (func (export "fill")
    (param $k0 i32) (param $k1 i32) (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32)
    (param $blocks i32)
    (local $address i32) (local $end i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $p0 i64) (local $p1 i64)
    ${keyLocals}
    ${roundKeys.join('\n    ')}
    (local.set $end (i32.shl (local.get $blocks) (i32.const 4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $address) (local.get $end)))
        (local.set $x0 (local.get $c0))
        (local.set $x1 (local.get $c1))
        (local.set $x2 (local.get $c2))
        (local.set $x3 (local.get $c3))
      ${rounds.map(round).join('\n      ')}
        (i32.store offset=0 (local.get $address) (local.get $x0))
        (i32.store offset=4 (local.get $address) (local.get $x1))
        (i32.store offset=8 (local.get $address) (local.get $x2))
        (i32.store offset=12 (local.get $address) (local.get $x3))
        (local.set $c0 (i32.add (local.get $c0) (i32.const 1)))
        (if (i32.eqz (local.get $c0)) (then (local.set $c1 (i32.add (local.get $c1) (i32.const 1)))))
        (local.set $address (i32.add (local.get $address) (i32.const 16)))
        (br $next)))))
`;
}
