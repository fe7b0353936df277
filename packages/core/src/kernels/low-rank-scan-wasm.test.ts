import { describe, expect, it } from 'vitest';
import { LOW_RANK_SCAN_WASM_BASE64 } from './low-rank-scan-wasm-bytes';
import { assembleLowRankScanWasm, renderLowRankScanWasmModule } from './low-rank-scan-wasm-generate';

describe('low-rank scan WebAssembly kernel', () => {
  it('ships the bytes that low-rank-scan-wat.ts assembles to (run with -u to regenerate)', async () => {
    const bytes = await assembleLowRankScanWasm();
    await expect(renderLowRankScanWasmModule(bytes)).toMatchFileSnapshot('./low-rank-scan-wasm-bytes.ts');
    expect(Uint8Array.from(Buffer.from(LOW_RANK_SCAN_WASM_BASE64, 'base64'))).toEqual(bytes);
  });
});
