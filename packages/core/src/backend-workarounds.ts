/**
 * Fixes for wrong results in TensorFlow.js's browser GPU backends (4.22), applied by
 * `createBackend` when it starts `webgl` or `webgpu` (never at import). Both were found by the
 * conformance suite running in headless Chromium (tooling/browser-tests), which keeps checking them.
 */
import type { KernelBackend, KernelFunc, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { TensorFlow } from './backend';

/** Kernel functions this module installed, so starting a backend twice wraps nothing twice. */
const installed = new WeakSet<KernelFunc>();

/** Replaces `kernelName`'s kernel on `backendName` by `wrap(original)`, once. */
function wrapKernel(tf: TensorFlow, kernelName: string, backendName: string, wrap: (original: KernelFunc) => KernelFunc): void {
  const original = tf.getKernel(kernelName, backendName);
  if (original === undefined || installed.has(original.kernelFunc)) return;
  const kernelFunc = wrap(original.kernelFunc);
  installed.add(kernelFunc);
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...original, kernelFunc });
}

/**
 * Before the `webgl` engine starts: matMul kernels that pad an odd inner dimension with a zero.
 *
 * WebGL stores tensors as packed textures of 2×2 blocks, so a matrix with an odd dimension has
 * padding lanes. Packed elementwise kernels (add, sub, exp, clip, …) write `op(padding)` into them
 * (`x + 1` puts 1 there), and the packed matMul shader sums the padding of the inner dimension
 * along with the data. So `matMul(add(a, 1), add(b, 1))` with an odd inner dimension came out off
 * by the padding's product: the standard SAE's W_dec gradient was wrong on WebGL. Padding the inner
 * dimension to an even length with a real zero (TF.js's PadV2 writes the pad value into the new
 * column) leaves no padding lane to sum. It costs two copies of the operands, only for odd inner
 * dimensions; turning packing off (`WEBGL_PACK`) also fixes it but made elementwise-heavy work
 * 2–2.4× slower on SwiftShader.
 */
export function applyWebglWorkarounds(tf: TensorFlow): void {
  const pad = tf.getKernel('PadV2', 'webgl');
  for (const kernelName of ['BatchMatMul', '_FusedMatMul']) {
    wrapKernel(tf, kernelName, 'webgl', (original) => (args) => {
      const { a, b, ...rest } = args.inputs as { a: TensorInfo; b: TensorInfo } & NamedTensorInfoMap;
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      const rank = a.shape.length;
      const innerAxisA = transposeA ? rank - 2 : rank - 1;
      if (pad === undefined || a.shape[innerAxisA]! % 2 === 0) return original(args);
      const backend = args.backend as KernelBackend;
      const padAxis = (x: TensorInfo, axis: number): TensorInfo =>
        pad.kernelFunc({ inputs: { x }, backend, attrs: { paddings: x.shape.map((_, i) => [0, i === axis ? 1 : 0]), constantValue: 0 } }) as TensorInfo;
      const paddedA = padAxis(a, innerAxisA);
      const paddedB = padAxis(b, transposeB ? b.shape.length - 1 : b.shape.length - 2);
      const result = original({ ...args, inputs: { ...rest, a: paddedA, b: paddedB } });
      backend.disposeData(paddedA.dataId);
      backend.disposeData(paddedB.dataId);
      return result;
    });
  }
}

/**
 * After the `webgpu` engine starts: an `AddN` that adds at most `limit − 1` tensors per shader.
 *
 * tfjs-backend-webgpu's AddN binds every input as its own storage buffer, plus one for the result.
 * WebGPU guarantees only 8 storage buffers per shader stage (SwiftShader and many devices give no
 * more), so `tf.addN` of 8 or more tensors fails validation; the failed command also voids the
 * rest of its batch, whose outputs then read as zeros or stale values (an orthogonality loss over
 * 8 row blocks came out as zeros). TF.js's own concat splits its inputs this way; AddN does not.
 */
export function applyWebgpuWorkarounds(tf: TensorFlow): void {
  const device = (tf.findBackend('webgpu') as unknown as { device?: { limits?: { maxStorageBuffersPerShaderStage?: number } } } | null)?.device;
  const maxInputs = Math.max(2, (device?.limits?.maxStorageBuffersPerShaderStage ?? 8) - 1);
  wrapKernel(tf, 'AddN', 'webgpu', (original) => {
    const addN = (inputs: readonly TensorInfo[], backend: KernelBackend): TensorInfo => {
      if (inputs.length <= maxInputs) return original({ inputs: inputs as unknown as NamedTensorInfoMap, backend, attrs: {} }) as TensorInfo;
      const partials: TensorInfo[] = [];
      for (let start = 0; start < inputs.length; start += maxInputs) partials.push(addN(inputs.slice(start, start + maxInputs), backend));
      const total = addN(partials, backend);
      for (const partial of partials) backend.disposeData(partial.dataId);
      return total;
    };
    return ({ inputs, backend }) => addN(inputs as unknown as TensorInfo[], backend as KernelBackend);
  });
}
