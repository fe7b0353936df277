import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsKernel, createWasmKernel, KERNEL_BLOCKS } from './philox-kernel';
import { PHILOX_WASM_BASE64 } from './philox-wasm-bytes';
import { assemblePhiloxWasm, renderPhiloxWasmModule } from './philox-wasm-generate';

const uint32 = fc.integer({ min: 0, max: 0xffffffff });

describe('Philox WebAssembly kernel', () => {
  it('ships the bytes that philox-wat.ts assembles to (run with -u to regenerate)', async () => {
    const bytes = await assemblePhiloxWasm();
    await expect(renderPhiloxWasmModule(bytes)).toMatchFileSnapshot('./philox-wasm-bytes.ts');
    expect(Uint8Array.from(Buffer.from(PHILOX_WASM_BASE64, 'base64'))).toEqual(bytes);
  });

  it('gives the same words as the JavaScript reference kernel, carries included', () => {
    const wasm = createWasmKernel();
    const js = createJsKernel();
    fc.assert(
      fc.property(
        fc.tuple(uint32, uint32),
        fc.tuple(fc.oneof(uint32, fc.constant(0xffffffff), fc.constant(0xfffffffe)), uint32, uint32, uint32),
        fc.integer({ min: 1, max: KERNEL_BLOCKS }),
        ([k0, k1], [c0, c1, c2, c3], blocks) => {
          wasm.generate(k0, k1, c0, c1, c2, c3, blocks);
          js.generate(k0, k1, c0, c1, c2, c3, blocks);
          expect(wasm.words.subarray(0, 4 * blocks)).toEqual(js.words.subarray(0, 4 * blocks));
        },
      ),
      { numRuns: 200 },
    );
  });
});
