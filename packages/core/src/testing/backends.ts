/**
 * Which backends the tests run on: every backend present on the machine. `cpu` and `wasm` must
 * always load; others (gpu, webgl, webgpu) join when they load. `SYNTH_TEST_BACKENDS=cpu,wasm`
 * narrows the list.
 */
import { createBackend } from '../backend';
import type { Backend, BackendName } from '../backend';
import { BackendUnavailableError } from '../errors';

const REQUIRED: readonly BackendName[] = ['cpu', 'wasm'];
const OPTIONAL: readonly BackendName[] = ['gpu', 'webgl', 'webgpu'];

function requestedNames(): readonly BackendName[] | undefined {
  const env = typeof process === 'undefined' ? undefined : process.env.SYNTH_TEST_BACKENDS;
  if (env === undefined || env.trim() === '') return undefined;
  return env.split(',').map((name) => name.trim() as BackendName);
}

/**
 * Loads the backends to test on. Required ones that fail to load throw; optional ones that are
 * missing are skipped.
 *
 * @example
 * ```ts
 * const backends = await loadTestBackends();
 * describe.each(backends.map((b) => [b.name, b] as const))('on %s', (_name, backend) => { ... });
 * ```
 */
export async function loadTestBackends(names: readonly BackendName[] | undefined = requestedNames()): Promise<Backend[]> {
  const wanted = names ?? [...REQUIRED, ...OPTIONAL];
  const backends: Backend[] = [];
  for (const name of wanted) {
    try {
      backends.push(await createBackend(name));
    } catch (error) {
      const optional = names === undefined && OPTIONAL.includes(name);
      if (!(optional && error instanceof BackendUnavailableError)) throw error;
    }
  }
  return backends;
}
