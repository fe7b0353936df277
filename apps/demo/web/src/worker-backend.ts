/**
 * Starts a TensorFlow.js backend inside the Web Worker with @synth/core's `createBackend`, with
 * the two things a bundled worker needs: literal imports of the backend packages (core loads
 * the GPU ones by a variable specifier, which a bundle cannot resolve), and the URLs of
 * tfjs-backend-wasm's `.wasm` files, which Vite emits as assets next to the page.
 */
import { createBackend } from '@synth/core';
import type { Backend, BackendRequest } from '@synth/core';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

const LOADERS: Readonly<Record<string, () => Promise<unknown>>> = {
  '@tensorflow/tfjs-core': () => import('@tensorflow/tfjs-core'),
  '@tensorflow/tfjs-backend-cpu': () => import('@tensorflow/tfjs-backend-cpu'),
  '@tensorflow/tfjs-backend-wasm': async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // All three are needed for a file map; the threaded build is used only on a cross-origin
    // isolated page (SharedArrayBuffer), which this page does not ask for.
    wasm.setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmUrl, 'tfjs-backend-wasm-simd.wasm': wasmSimdUrl, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl });
    return wasm;
  },
  '@tensorflow/tfjs-backend-webgl': () => import('@tensorflow/tfjs-backend-webgl'),
  '@tensorflow/tfjs-backend-webgpu': () => import('@tensorflow/tfjs-backend-webgpu'),
};

const importModule = (specifier: string): Promise<unknown> =>
  LOADERS[specifier]?.() ?? Promise.reject(new Error(`${specifier} is not bundled with the page`));

/**
 * The backend `request` names; `auto` takes the GPU (WebGPU, else WebGL) when it starts, else wasm.
 *
 * @example
 * ```ts
 * const backend = await startBackend('wasm');
 * ```
 * @throws BackendUnavailableError naming what is missing.
 */
export function startBackend(request: BackendRequest): Promise<Backend> {
  return createBackend(request, { importModule });
}
