/**
 * WebAssembly text (SIMD) of the low-rank scan kernel. `low-rank-scan-wasm.test.ts` assembles it
 * with `wabt` and checks the bytes against `low-rank-scan-wasm-bytes.ts` (regenerate that file
 * with `pnpm exec vitest run src/kernels/low-rank-scan-wasm.test.ts -u`).
 *
 * Two exports, both over memory the caller lays out (see `low-rank-scan.ts`):
 *
 * - `scan`: for a block of rows of `ε` and a chunk of factor panels (8 features each), both
 *   quantized to 16-bit integers with a float32 step per row (`invT_i`) and per feature (`invS_j`),
 *   computes `m̃ = fround(fround(fround(Σ_k qε_ik·qL_jk)·invS_j)·invT_i)` — the integer sum is
 *   exact (`i32x4.dot_i16x8_s`, two k at a time, 4 rows × 8 features per tile) — and appends every
 *   entry with `m̃ > c_j` to its row's candidate list as `(j, m̃)`.
 * - `filter`: for each candidate, `G = R − (m̃ − c_j) / (s_j·(1 + 2^-22))` with `R` the largest
 *   Box–Muller radius; it computes the Philox block holding the normal's Box–Muller pair, and drops
 *   the candidate when the pair's first word `w0` has `w0 + 1 > table[min(⌊16·G⌋, 127)]` for
 *   `G > 0` (its radius is below `G`); survivors are written as `(j, m̃, w0, w1)`.
 */
import { PHILOX_M0, PHILOX_M1, PHILOX_ROUNDS, PHILOX_W0, PHILOX_W1 } from '../rng/philox';

/** Rows per tile of `scan` (row blocks are padded to a multiple of this). */
export const SCAN_TILE_ROWS = 4;
/** Features per packed panel. */
export const SCAN_PANEL = 8;
/** Levels of the filter's table: `G` in steps of 1/16 up to 127/16. */
export const SCAN_LEVELS = 128;
/** Steps per unit of `G` in the filter's table. */
export const SCAN_LEVELS_PER_UNIT = 16;
/**
 * The largest radius `sqrt(−2 ln u1)` Box–Muller can give: `u1 >= 2^-32`, so `sqrt(64 ln 2)`
 * = 6.66043…, rounded up. No normal from `Rng.fillNormal` exceeds it in magnitude.
 *
 * @example
 * ```ts
 * Math.abs(Rng.fromSeed(1).fillNormal(new Float64Array(1))[0]!) <= MAX_BOX_MULLER_RADIUS; // true
 * ```
 */
export const MAX_BOX_MULLER_RADIUS = 6.6605;
/** Where the compaction table lives: 16 byte shuffles, one per 4-bit lane mask. */
const SHUFFLES = 64;
/** Bytes at the start of memory the kernel owns (its data); the caller lays out the rest. */
export const SCAN_RESERVED_BYTES = 512;
/** Candidates processed together by `filter`, so their Philox rounds overlap. */
const GROUP = 4;

const ROWS = [0, 1, 2, 3] as const;
const GROUP_LANES = Array.from({ length: GROUP }, (_, u) => u);

/** `i8x16.swizzle` patterns that move the 32-bit lanes set in a 4-bit mask to the front. */
function shuffleTable(): string {
  const bytes: number[] = [];
  for (let mask = 0; mask < 16; mask++) {
    const lanes = [0, 1, 2, 3].filter((lane) => (mask >> lane) & 1);
    for (let slot = 0; slot < 4; slot++) {
      const lane = lanes[slot];
      for (let b = 0; b < 4; b++) bytes.push(lane === undefined ? 0x80 : 4 * lane + b); // 0x80: zero
    }
  }
  return bytes.map((b) => '\\' + b.toString(16).padStart(2, '0')).join('');
}

function tileStep(): string {
  return [
    '(local.set $x (v128.load (local.get $l)))',
    '(local.set $y (v128.load offset=16 (local.get $l)))',
    ...ROWS.flatMap((r) => [
      `(local.set $s (v128.load32_splat (i32.add (local.get $e${r}) (local.get $k))))`,
      `(local.set $a${r}0 (i32x4.add (local.get $a${r}0) (i32x4.dot_i16x8_s (local.get $x) (local.get $s))))`,
      `(local.set $a${r}1 (i32x4.add (local.get $a${r}1) (i32x4.dot_i16x8_s (local.get $y) (local.get $s))))`,
    ]),
    '(local.set $l (i32.add (local.get $l) (i32.const 32)))',
    '(local.set $k (i32.add (local.get $k) (i32.const 4)))',
  ].join('\n            ');
}

/** Scales row `r`'s integer sums to float32: `fround(fround(fround(sum)·invS_j)·invT_r)`. */
function tileScale(r: number): string {
  const t = `(v128.load32_splat (i32.add (local.get $invT) (i32.shl (i32.add (local.get $q) (i32.const ${r})) (i32.const 2))))`;
  return `(local.set $t ${t})
            (local.set $a${r}0 (f32x4.mul (f32x4.mul (f32x4.convert_i32x4_s (local.get $a${r}0)) (local.get $sx)) (local.get $t)))
            (local.set $a${r}1 (f32x4.mul (f32x4.mul (f32x4.convert_i32x4_s (local.get $a${r}1)) (local.get $sy)) (local.get $t)))`;
}

/** Appends the lanes of half `h` of row `r`'s tile that beat their `c`, branch-free. */
function tileAppend(r: number, h: number): string {
  const acc = `$a${r}${h}`;
  const threshold = h === 0 ? '$cx' : '$cy';
  return `(local.set $mask (i32x4.bitmask (f32x4.gt (local.get ${acc}) (local.get ${threshold}))))
            (local.set $sh (v128.load (i32.add (i32.const ${SHUFFLES}) (i32.shl (local.get $mask) (i32.const 4)))))
            (local.set $at (i32.add (local.get $rb${r}) (i32.shl (local.get $n${r}) (i32.const 2))))
            (v128.store (i32.add (local.get $candV) (local.get $at)) (i8x16.swizzle (local.get ${acc}) (local.get $sh)))
            (v128.store (i32.add (local.get $candF) (local.get $at))
              (i8x16.swizzle (i32x4.add (local.get $jv) (v128.const i32x4 ${4 * h} ${4 * h + 1} ${4 * h + 2} ${4 * h + 3})) (local.get $sh)))
            (local.set $n${r} (i32.add (local.get $n${r}) (i32.popcnt (local.get $mask))))`;
}

function philoxRound(r: number, u: number | ''): string {
  const v = (name: string): string => `$${name}${u}`;
  const high = (p: string): string => `(i32.wrap_i64 (i64.shr_u (local.get ${p}) (i64.const 32)))`;
  return [
    `(local.set ${v('p')}0 (i64.mul (i64.extend_i32_u (local.get ${v('x')}0)) (i64.const ${PHILOX_M0})))`,
    `(local.set ${v('p')}1 (i64.mul (i64.extend_i32_u (local.get ${v('x')}2)) (i64.const ${PHILOX_M1})))`,
    `(local.set ${v('x')}0 (i32.xor (i32.xor ${high(`${v('p')}1`)} (local.get ${v('x')}1)) (local.get $ka${r})))`,
    `(local.set ${v('x')}1 (i32.wrap_i64 (local.get ${v('p')}1)))`,
    `(local.set ${v('x')}2 (i32.xor (i32.xor ${high(`${v('p')}0`)} (local.get ${v('x')}3)) (local.get $kb${r})))`,
    `(local.set ${v('x')}3 (i32.wrap_i64 (local.get ${v('p')}0)))`,
  ].join('\n            ');
}

/** Loads candidate `$t + u` of row `$r` and computes its limit and Philox counter. */
function candidateSetup(u: number | ''): string {
  const v = (name: string): string => `$${name}${u}`;
  const offset = u === '' ? 0 : 4 * u;
  return `(local.set ${v('j')} (i32.load offset=${offset} (local.get $fAt)))
            (local.set ${v('m')} (f32.load offset=${offset} (local.get $vAt)))
            (local.set $g (f64.sub (f64.const ${MAX_BOX_MULLER_RADIUS}) (f64.div
              (f64.sub (f64.promote_f32 (local.get ${v('m')}))
                (f64.promote_f32 (f32.load (i32.add (local.get $c) (i32.shl (local.get ${v('j')}) (i32.const 2))))))
              (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $scale) (i32.shl (local.get ${v('j')}) (i32.const 2)))))
                (f64.const ${1 + 2 ** -22})))))
            (local.set ${v('limit')} (f64.const inf))
            (if (f64.gt (local.get $g) (f64.const 0))
              (then (local.set ${v('limit')} (f64.load (i32.add (local.get $table)
                (i32.shl (i32.trunc_f64_u (f64.min (f64.mul (local.get $g) (f64.const ${SCAN_LEVELS_PER_UNIT})) (f64.const ${SCAN_LEVELS - 1})))
                  (i32.const 3)))))))
            (local.set ${v('pos')} (i64.trunc_f64_u (f64.add (local.get $base) (f64.convert_i32_u (local.get ${v('j')})))))
            (local.set $block (i64.shr_u (local.get ${v('pos')}) (i64.const 2)))
            (local.set ${v('x')}0 (i32.wrap_i64 (local.get $block)))
            (local.set ${v('x')}1 (i32.wrap_i64 (i64.shr_u (local.get $block) (i64.const 32))))
            (local.set ${v('x')}2 (local.get $st0))
            (local.set ${v('x')}3 (local.get $st1))`;
}

/** Keeps candidate `u` when its pair's first word passes the limit. */
function candidateKeep(u: number | ''): string {
  const v = (name: string): string => `$${name}${u}`;
  // Branch-free: the pair's lane (0–1 or 2–3 of the block) is as good as random.
  const upper = `(i32.wrap_i64 (i64.and (local.get ${v('pos')}) (i64.const 2)))`;
  return `(local.set $w0 (select (local.get ${v('x')}2) (local.get ${v('x')}0) ${upper}))
            (local.set $w1 (select (local.get ${v('x')}3) (local.get ${v('x')}1) ${upper}))
            (if (f64.le (f64.add (f64.convert_i32_u (local.get $w0)) (f64.const 1)) (local.get ${v('limit')}))
              (then
                (local.set $slot (i32.add (local.get $surv)
                  (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cap)) (local.get $out)) (i32.const 4))))
                (i32.store (local.get $slot) (local.get ${v('j')}))
                (f32.store offset=4 (local.get $slot) (local.get ${v('m')}))
                (i32.store offset=8 (local.get $slot) (local.get $w0))
                (i32.store offset=12 (local.get $slot) (local.get $w1))
                (local.set $out (i32.add (local.get $out) (i32.const 1)))))`;
}

/**
 * Returns the kernel's WebAssembly text.
 *
 * @example
 * ```ts
 * const text = lowRankScanWat(); // '(module\n  (memory (export "memory") 1) ...'
 * ```
 */
export function lowRankScanWat(): string {
  const rounds = Array.from({ length: PHILOX_ROUNDS }, (_, r) => r);
  const accumulators = ROWS.map((r) => `(local $a${r}0 v128) (local $a${r}1 v128) (local $n${r} i32) (local $rb${r} i32)`).join(' ');
  const zeroAccumulators = ROWS.map((r) => `(local.set $a${r}0 (v128.const i32x4 0 0 0 0)) (local.set $a${r}1 (v128.const i32x4 0 0 0 0))`).join('\n          ');
  const keyLocals = rounds.map((r) => `(local $ka${r} i32) (local $kb${r} i32)`).join(' ');
  const roundKeys = rounds
    .map((r) => `(local.set $ka${r} (i32.add (local.get $k0) (i32.const ${Math.imul(PHILOX_W0, r)})))\n    (local.set $kb${r} (i32.add (local.get $k1) (i32.const ${Math.imul(PHILOX_W1, r)})))`)
    .join('\n    ');
  const laneLocals = ['', ...GROUP_LANES]
    .map((u) => `(local $j${u} i32) (local $m${u} f32) (local $limit${u} f64) (local $pos${u} i64) (local $x${u}0 i32) (local $x${u}1 i32) (local $x${u}2 i32) (local $x${u}3 i32) (local $p${u}0 i64) (local $p${u}1 i64)`)
    .join('\n    ');
  return `(module
  (memory (export "memory") 1)
  (data (i32.const ${SHUFFLES}) "${shuffleTable()}")

  (func (export "scan") (param $eps i32) (param $invT i32) (param $rows i32) (param $pairs i32) (param $lp i32)
      (param $invS i32) (param $c i32) (param $panels i32) (param $jBase i32)
      (param $candF i32) (param $candV i32) (param $cap i32) (param $counts i32)
    (local $rowBytes i32) (local $q i32) (local $p i32) (local $l i32) (local $k i32) (local $mask i32) (local $at i32)
    (local $e0 i32) (local $e1 i32) (local $e2 i32) (local $e3 i32)
    ${accumulators}
    (local $x v128) (local $y v128) (local $s v128) (local $t v128) (local $sx v128) (local $sy v128)
    (local $cx v128) (local $cy v128) (local $sh v128) (local $jv v128)
    (local.set $rowBytes (i32.shl (local.get $pairs) (i32.const 2)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.ge_u (local.get $q) (local.get $rows)))
        (local.set $e0 (i32.add (local.get $eps) (i32.mul (local.get $q) (local.get $rowBytes))))
        (local.set $e1 (i32.add (local.get $e0) (local.get $rowBytes)))
        (local.set $e2 (i32.add (local.get $e1) (local.get $rowBytes)))
        (local.set $e3 (i32.add (local.get $e2) (local.get $rowBytes)))
        ${ROWS.map((r) => `(local.set $n${r} (i32.const 0)) (local.set $rb${r} (i32.shl (i32.mul (i32.add (local.get $q) (i32.const ${r})) (local.get $cap)) (i32.const 2)))`).join('\n        ')}
        (local.set $p (i32.const 0))
        (local.set $l (local.get $lp))
        (block $panelsDone
          (loop $panel
            (br_if $panelsDone (i32.ge_u (local.get $p) (local.get $panels)))
          ${zeroAccumulators}
            (local.set $k (i32.const 0))
            (block $kDone
              (loop $kNext
                (br_if $kDone (i32.ge_u (local.get $k) (local.get $rowBytes)))
            ${tileStep()}
                (br $kNext)))
            (local.set $sx (v128.load (i32.add (local.get $invS) (i32.shl (local.get $p) (i32.const 5)))))
            (local.set $sy (v128.load offset=16 (i32.add (local.get $invS) (i32.shl (local.get $p) (i32.const 5)))))
            ${ROWS.map(tileScale).join('\n            ')}
            (local.set $cx (v128.load (i32.add (local.get $c) (i32.shl (local.get $p) (i32.const 5)))))
            (local.set $cy (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $p) (i32.const 5)))))
            (local.set $jv (i32x4.splat (i32.add (local.get $jBase) (i32.shl (local.get $p) (i32.const 3)))))
            ${ROWS.flatMap((r) => [tileAppend(r, 0), tileAppend(r, 1)]).join('\n            ')}
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $panel)))
        ${ROWS.map((r) => `(i32.store (i32.add (local.get $counts) (i32.shl (i32.add (local.get $q) (i32.const ${r})) (i32.const 2))) (local.get $n${r}))`).join('\n        ')}
        (local.set $q (i32.add (local.get $q) (i32.const ${SCAN_TILE_ROWS})))
        (br $quad))))

  (func (export "filter") (param $rows i32) (param $candF i32) (param $candV i32) (param $cap i32) (param $counts i32)
      (param $c i32) (param $scale i32) (param $table i32) (param $surv i32) (param $rowPos f64) (param $W f64)
      (param $k0 i32) (param $k1 i32) (param $st0 i32) (param $st1 i32)
    (local $r i32) (local $n i32) (local $t i32) (local $out i32) (local $fAt i32) (local $vAt i32) (local $slot i32)
    (local $g f64) (local $base f64) (local $block i64) (local $w0 i32) (local $w1 i32)
    ${laneLocals}
    ${keyLocals}
    ${roundKeys}
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $n (i32.load (i32.add (local.get $counts) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $base (f64.add (local.get $rowPos) (f64.mul (f64.convert_i32_u (local.get $r)) (local.get $W))))
        (local.set $t (i32.const 0))
        (local.set $out (i32.const 0))
        (block $groupsDone
          (loop $group
            (br_if $groupsDone (i32.gt_u (i32.add (local.get $t) (i32.const ${GROUP})) (local.get $n)))
            (local.set $fAt (i32.add (local.get $candF) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cap)) (local.get $t)) (i32.const 2))))
            (local.set $vAt (i32.add (local.get $candV) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cap)) (local.get $t)) (i32.const 2))))
            ${GROUP_LANES.map(candidateSetup).join('\n            ')}
            ${rounds.flatMap((round) => GROUP_LANES.map((u) => philoxRound(round, u))).join('\n            ')}
            ${GROUP_LANES.map(candidateKeep).join('\n            ')}
            (local.set $t (i32.add (local.get $t) (i32.const ${GROUP})))
            (br $group)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $t) (local.get $n)))
            (local.set $fAt (i32.add (local.get $candF) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cap)) (local.get $t)) (i32.const 2))))
            (local.set $vAt (i32.add (local.get $candV) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cap)) (local.get $t)) (i32.const 2))))
            ${candidateSetup('')}
            ${rounds.map((round) => philoxRound(round, '')).join('\n            ')}
            ${candidateKeep('')}
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $rest)))
        (i32.store (i32.add (local.get $counts) (i32.shl (local.get $r) (i32.const 2))) (local.get $out))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row))))
)
`;
}
