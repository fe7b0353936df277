// Tests that do not run on some browser backends, each with its reason; every skipped test is
// counted in the summary (and in test-report.json as pending). These are sizing rules: tests sized
// for Node that take minutes on a software GPU. They still run on wasm in the browser and on every
// Node backend; `node src/run.mjs --no-skip` runs them on the GPU backends too. A rule that
// matches no test of a file that ran is reported as stale (a renamed test).
//
// Times below were measured on the 2-core CI-class machine while other jobs ran (load 4–8).

const SLOW = 'sized for Node: minutes on SwiftShader, over the CI budget for browser runs';
const GPU = /** @type {const} */ (['webgl', 'webgpu']);
// SAETrainer reads the loss back synchronously once per step (it stops on a non-finite loss before
// the weights change). On WebGPU a read is a round trip through the GPU process: 50 ms per read
// on an idle machine here, 250–330 ms under load, against 2 ms on WebGL. Tests that train for
// hundreds of steps only to count tensors (backend-independent bookkeeping) therefore run on webgl
// and wasm in the browser, not on webgpu.
const SYNC_READ_PER_STEP = 'one synchronous loss read per training step: 50–330 ms each on WebGPU/SwiftShader';

/** @type {import('./page/protocol').SkipRule[]} */
export const SKIP = [
  { backends: GPU, file: 'packages/dictionary/src/orthogonalize-embeddings.test.ts', reason: `${SLOW} (40 s on webgl)` },
  { backends: GPU, file: 'packages/sae/src/train-toy-sae.test.ts', reason: `${SLOW} (a full toy training run did not finish in 70 s on webgl)` },
  { backends: GPU, file: 'packages/activations/src/synthetic-model/synthetic-model.test.ts', reason: `${SLOW} (42 s on webgpu)` },
  { backends: ['webgpu'], file: 'packages/sae/src/sae-trainer.test.ts', test: 'keeps the tensor count flat over \\d+ steps', reason: `${SYNC_READ_PER_STEP} (4 × 400 steps did not finish in 240 s; 30 s on webgl)` },
  { backends: ['webgl'], file: 'packages/sae/src/sae-trainer.test.ts', test: 'flat over 2000 steps', reason: `${SLOW} (7 × 2000 steps; the 400-step counts run here)` },
  { backends: ['webgpu'], file: 'packages/sae/src/gated-sae.test.ts', test: 'stays flat over 300 training steps', reason: `${SYNC_READ_PER_STEP} (75 s)` },
  { backends: ['webgpu'], file: 'packages/sae/src/matryoshka-batchtopk-sae.test.ts', test: 'stays flat over 300 training steps', reason: `${SYNC_READ_PER_STEP} (100 s)` },
  { backends: ['webgpu'], file: 'packages/sae/src/sparse-decode.test.ts', test: 'flat over 300 sparse training steps', reason: `${SYNC_READ_PER_STEP} (35 s)` },
];
