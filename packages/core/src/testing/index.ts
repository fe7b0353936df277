export { defineBackendConformanceSuite } from './conformance';
export { loadTestBackends } from './backends';
export { expectNoTensorLeak, liveTensorCount } from './leak';
export { assertClose, randomMatrix, referenceMatmul } from './reference';
export type { TestMatrix } from './reference';
