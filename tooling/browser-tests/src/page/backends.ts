/**
 * Starts the backend under test before any test file loads, and says how it computes here.
 *
 * The GPU backends are optional packages that `createBackend` imports by a variable specifier,
 * which a bundle cannot resolve; importing the package registers it with tfjs-core (the way
 * TensorFlow.js documents), and `createBackend` then finds it registered and starts it.
 */
import { env } from '@tensorflow/tfjs-core';
import { createBackend } from '@synth/core';
import type { Backend } from '@synth/core';
import type { BackendInfo, BrowserBackend } from './protocol';

const REGISTER: Record<BrowserBackend, (() => Promise<unknown>) | undefined> = {
  wasm: undefined, // @synth/core imports it itself
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
};

/**
 * Registers and starts backend `name`, after setting TF.js `flags` (e.g.
 * `{ WEBGL_FORCE_F16_TEXTURES: true }` for a float16 WebGL device). Resolves with the started
 * backend and how it computes here.
 */
export async function preloadBackend(name: BrowserBackend, flags: Readonly<Record<string, boolean | number>> = {}): Promise<{ backend: Backend; info: BackendInfo }> {
  await REGISTER[name]?.();
  // TF.js runs small ops on the CPU instead of the GPU: webgl and webgpu forward inputs under 128
  // (webgl) or 1000 (webgpu) values that are still on the host, and webgl sends topk to the CPU
  // while the last dimension is under 100 000. The tests' tensors are that small, so without this
  // most of them would check JavaScript kernels, not shaders (TF.js's own GPU tests do the same).
  if (name === 'webgl') {
    env().set('WEBGL_CPU_FORWARD', false);
    env().set('TOPK_LAST_DIM_CPU_HANDOFF_SIZE_THRESHOLD', 0);
  }
  if (name === 'webgpu') env().set('WEBGPU_CPU_FORWARD', false);
  for (const [flag, value] of Object.entries(flags)) env().set(flag, value);
  const backend = await createBackend(name);
  const precision = backend.epsilon === 2 ** -23 ? 'float32' : `float16: ε = 2^${Math.log2(backend.epsilon)}`;
  const engine = backend.tf.backend() as unknown as Record<string, unknown>;
  let device: string | undefined;
  if (name === 'webgl') {
    const gl = (engine['gpgpu'] as { gl: WebGL2RenderingContext }).gl;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    device = `${gl.getParameter(gl.VERSION)}; ${debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)}`;
  } else if (name === 'webgpu') {
    const info = engine['adapterInfo'] as { vendor?: string; architecture?: string; description?: string } | undefined;
    device = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  }
  const label = name === 'webgl'
    ? `webgl (${precision} render targets, ε = 2^${Math.log2(backend.epsilon)})`
    : `${name} (${precision}, ε = 2^${Math.log2(backend.epsilon)})`;
  return { backend, info: { label, epsilon: backend.epsilon, ...(device === undefined ? {} : { device }) } };
}
