/**
 * Backends: which TensorFlow.js backend runs synth's tensor math.
 *
 * A {@link Backend} is a value resolved once at an API boundary and passed down; nothing here
 * touches TensorFlow.js until {@link createBackend} is called, so importing `@synth/core` has no
 * side effects. TensorFlow.js keeps one engine per process; a backend value re-activates itself
 * before it runs work, so code holding two backends (say cpu and wasm) can use both.
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { TensorContainer } from '@tensorflow/tfjs-core';
import { applyWebglWorkarounds, applyWebgpuWorkarounds } from './backend-workarounds';
import { BackendUnavailableError, SynthError } from './errors';
import { assertOneOf } from './validate';

/** The TensorFlow.js namespace (tfjs-core) that a backend computes with. */
export type TensorFlow = typeof TF;

/** A backend synth can run on. `gpu` is tfjs-node-gpu in Node and WebGPU/WebGL in a browser. */
export type BackendName = 'cpu' | 'wasm' | 'gpu' | 'webgl' | 'webgpu';

/** What a caller may ask for: a backend by name, or `auto` for the fastest one that loads. */
export type BackendRequest = BackendName | 'auto';

/** Every name {@link createBackend} accepts. */
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'cpu', 'wasm', 'gpu', 'webgl', 'webgpu'];

/** A resolved, initialised backend. */
export interface Backend {
  /** Version of this interface; bumped if its shape ever changes. */
  readonly contract: 1;
  /** The synth name of the backend. */
  readonly name: BackendName;
  /** The TensorFlow.js registry name it runs on (`cpu`, `wasm`, `tensorflow`, `webgl`, `webgpu`). */
  readonly engineName: string;
  /** The tfjs-core namespace; call ops as functions (`tf.matMul(a, b)`). */
  readonly tf: TensorFlow;
  /**
   * Machine epsilon of the backend's float tensors: 2⁻²³ for float32, 2⁻¹⁰ where a WebGL device
   * only renders float16. Tests derive tolerances from it.
   */
  readonly epsilon: number;
  /** Makes this the engine's active backend (synchronous: it is already initialised). */
  activate(): void;
  /** Runs `fn` on this backend inside `tf.tidy`, so intermediate tensors are freed. */
  tidy<T extends TensorContainer>(fn: () => T): T;
}

/** Options of {@link createBackend}. */
export interface CreateBackendOptions {
  /**
   * Loads a module by specifier. Defaults to dynamic `import()`; tests pass a stand-in to
   * simulate a missing optional package.
   */
  readonly importModule?: (specifier: string) => Promise<unknown>;
}

const FLOAT32_EPSILON = 2 ** -23;
const FLOAT16_EPSILON = 2 ** -10;

const INSTALL_HINTS: Record<BackendName, string> = {
  cpu: 'reinstall @synth/core (it depends on @tensorflow/tfjs-backend-cpu).',
  wasm: 'reinstall @synth/core (it depends on @tensorflow/tfjs-backend-wasm).',
  gpu: 'in Node, install @tensorflow/tfjs-node-gpu@4.22.0 (needs CUDA 11.2 and cuDNN 8.1); in a browser, install @tensorflow/tfjs-backend-webgpu or @tensorflow/tfjs-backend-webgl and use a browser with WebGPU or WebGL 2.',
  webgl: 'install @tensorflow/tfjs-backend-webgl@4.22.0 and run in a browser with WebGL 2.',
  webgpu: 'install @tensorflow/tfjs-backend-webgpu@4.22.0 and run in a browser with WebGPU.',
};

// Kept in variables so bundlers do not try to resolve optional packages at build time.
const MODULES = {
  core: '@tensorflow/tfjs-core',
  cpu: '@tensorflow/tfjs-backend-cpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
  nodeGpu: '@tensorflow/tfjs-node-gpu',
  webgl: '@tensorflow/tfjs-backend-webgl',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
} as const;

// Literal imports for our own dependencies, so bundlers can split them out; a variable
// specifier for the optional packages, so a bundle does not fail when they are absent.
const BUNDLED_LOADERS: Record<string, () => Promise<unknown>> = {
  [MODULES.core]: () => import('@tensorflow/tfjs-core'),
  [MODULES.cpu]: () => import('@tensorflow/tfjs-backend-cpu'),
  [MODULES.wasm]: () => import('@tensorflow/tfjs-backend-wasm'),
};

const defaultImport = (specifier: string): Promise<unknown> =>
  (BUNDLED_LOADERS[specifier] ?? (() => import(/* @vite-ignore */ specifier)))();

function isBrowser(): boolean {
  if (typeof window !== 'undefined' && typeof document !== 'undefined') return true;
  // A Web Worker has neither, yet runs WebGL (on an OffscreenCanvas) and WebGPU (navigator.gpu).
  const workerScope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
  return typeof workerScope === 'function' && globalThis instanceof workerScope;
}

/**
 * Creates (loads and initialises) a backend.
 *
 * - `cpu`: @tensorflow/tfjs-backend-cpu, plain JavaScript, always available.
 * - `wasm` (default): @tensorflow/tfjs-backend-wasm with SIMD.
 * - `gpu`: @tensorflow/tfjs-node-gpu in Node (an optional peer dependency, loaded only here);
 *   in a browser, WebGPU if it starts, else WebGL.
 * - `webgl`, `webgpu`: the browser GPU backends. Starting one also works around wrong results
 *   in TF.js 4.22, for the whole page: on `webgl` matMul pads an odd inner dimension with zeros,
 *   on `webgpu` AddN respects the device's storage-buffer limit (see `backend-workarounds.ts`).
 * - `auto`: `gpu` if it loads, else `wasm`.
 *
 * @example
 * ```ts
 * const backend = await createBackend('wasm');
 * const sum = backend.tidy(() => backend.tf.sum(backend.tf.ones([3])));
 * console.log(await sum.data()); // Float32Array [3]
 * sum.dispose();
 * ```
 * @throws InvalidArgumentError for an unknown name.
 * @throws BackendUnavailableError naming what to install when the backend cannot load.
 */
export async function createBackend(request: BackendRequest = 'wasm', options: CreateBackendOptions = {}): Promise<Backend> {
  assertOneOf('backend', request, BACKEND_REQUESTS);
  const importModule = options.importModule ?? defaultImport;
  if (request === 'auto') {
    try {
      return await createBackend('gpu', options);
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
      return createBackend('wasm', options);
    }
  }
  const tf = (await importModule(MODULES.core)) as TensorFlow;
  // PROD silences tfjs's console tips (e.g. "install tfjs-node") that synth users cannot act on.
  if (!tf.env().getBool('PROD')) tf.env().set('PROD', true);
  switch (request) {
    case 'cpu':
      return start(tf, 'cpu', 'cpu', MODULES.cpu, importModule);
    case 'wasm':
      return start(tf, 'wasm', 'wasm', MODULES.wasm, importModule);
    case 'webgl':
    case 'webgpu':
      if (!isBrowser()) throw new BackendUnavailableError(request, `it runs only in a browser; ${INSTALL_HINTS[request]}`);
      return start(tf, request, request, MODULES[request], importModule);
    case 'gpu':
      if (!isBrowser()) return start(tf, 'gpu', 'tensorflow', MODULES.nodeGpu, importModule);
      try {
        return await start(tf, 'gpu', 'webgpu', MODULES.webgpu, importModule);
      } catch (error) {
        if (!(error instanceof BackendUnavailableError)) throw error;
        return start(tf, 'gpu', 'webgl', MODULES.webgl, importModule);
      }
  }
}

async function start(
  tf: TensorFlow,
  name: BackendName,
  engineName: string,
  specifier: string,
  importModule: (specifier: string) => Promise<unknown>,
): Promise<Backend> {
  if (tf.findBackendFactory(engineName) == null) {
    try {
      await importModule(specifier); // registers the backend with the engine
    } catch (cause) {
      throw new BackendUnavailableError(name, `could not load ${specifier}; ${INSTALL_HINTS[name]}`, { cause });
    }
    if (tf.findBackendFactory(engineName) == null) {
      throw new BackendUnavailableError(name, `${specifier} loaded but registered no '${engineName}' backend; ${INSTALL_HINTS[name]}`);
    }
  }
  if (engineName === 'webgl') applyWebglWorkarounds(tf);
  let started: boolean;
  try {
    started = await tf.setBackend(engineName);
  } catch (cause) {
    throw new BackendUnavailableError(name, `'${engineName}' failed to start; ${INSTALL_HINTS[name]}`, { cause });
  }
  if (!started) throw new BackendUnavailableError(name, `'${engineName}' failed to start; ${INSTALL_HINTS[name]}`);
  if (engineName === 'webgpu') applyWebgpuWorkarounds(tf);
  const epsilon = engineName === 'webgl' && !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? FLOAT16_EPSILON : FLOAT32_EPSILON;
  return makeBackend(tf, name, engineName, epsilon);
}

function makeBackend(tf: TensorFlow, name: BackendName, engineName: string, epsilon: number): Backend {
  const activate = (): void => {
    if (tf.engine().backendName === engineName) return;
    // The engine switches synchronously to a backend that is already initialised.
    void tf.setBackend(engineName);
    if (tf.engine().backendName !== engineName) {
      throw new SynthError(`Could not switch TensorFlow.js to the '${engineName}' backend.`, { code: 'SYNTH_BACKEND_SWITCH' });
    }
  };
  return Object.freeze({
    contract: 1 as const,
    name,
    engineName,
    tf,
    epsilon,
    activate,
    tidy<T extends TensorContainer>(fn: () => T): T {
      activate();
      return tf.tidy(fn);
    },
  });
}

/**
 * The backends that load in this environment, in the order `auto` prefers them. Tries each one,
 * so it is slow the first time (it initialises every backend it finds).
 *
 * @example
 * ```ts
 * console.log(await listAvailableBackends()); // e.g. ['wasm', 'cpu'] in Node without a GPU
 * ```
 */
export async function listAvailableBackends(options: CreateBackendOptions = {}): Promise<BackendName[]> {
  const candidates: BackendName[] = isBrowser() ? ['webgpu', 'webgl', 'wasm', 'cpu'] : ['gpu', 'wasm', 'cpu'];
  const available: BackendName[] = [];
  for (const name of candidates) {
    try {
      await createBackend(name, options);
      available.push(name);
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
    }
  }
  return available;
}
