// wasm vs cpu (pure JS) backend: 256×256 and 512×512 float32 matmul.
// Run: pnpm --filter @synth/core exec vitest bench --run src/matmul.bench.ts
import { bench, describe } from 'vitest';
import { createBackend } from './backend';
import type { Backend } from './backend';
import { Rng } from './rng';

const backends: Backend[] = [await createBackend('wasm'), await createBackend('cpu')];

for (const size of [256, 512]) {
  const data = new Float32Array(size * size);
  Rng.fromSeed(1).fillUniform(data, -1, 1);
  describe(`matmul ${size}×${size}×${size}`, () => {
    for (const backend of backends) {
      const { tf } = backend;
      bench(backend.name, () => {
        const product = backend.tidy(() => {
          const a = tf.tensor2d(data, [size, size]);
          return tf.sum(tf.matMul(a, a));
        });
        const [total] = product.dataSync();
        product.dispose();
        if (!Number.isFinite(total)) throw new Error('matmul produced a non-finite sum');
      }, { iterations: size === 512 ? 3 : 10, time: 0 });
    }
  });
}
