export { BACKEND_REQUESTS, createBackend, listAvailableBackends } from './backend';
export type { Backend, BackendName, BackendRequest, CreateBackendOptions, TensorFlow } from './backend';
export {
  BackendUnavailableError,
  FormatError,
  InvalidArgumentError,
  SynthError,
  ValidationError,
  describeValue,
  isSynthError,
} from './errors';
export { assertAllInRange, assertFinite, assertInRange, assertInteger, assertOneOf } from './validate';
export { parseDtype, tensorDtype } from './dtype';
export type { DtypeName } from './dtype';
export { createProgressReporter } from './progress';
export type { ProgressEvent, ProgressListener, ProgressOptions, ProgressReporter } from './progress';
export { createSparseRows, sparseRowIndices, sparseRowsFromDense, sparseRowsToDense } from './sparse-rows';
export type { SparseRows } from './sparse-rows';
export { MIN_ROW_NORM, matMulTransposeA, matMulTransposeB, normalizeRows, prefersExplicitTranspose, sparseMatmul, sparseMatmulOnDevice, sparseRowsToTensor } from './tensor-ops';
export { Rng, philox4x32 } from './rng';
export type { MutableArrayLike, RngState, SplitKey } from './rng';
export { LowRankScan, MAX_BOX_MULLER_RADIUS } from './kernels/low-rank-scan';
export type { LowRankScanOptions, ScanSurvivors, ScanWords } from './kernels/low-rank-scan';
export { boxMullerNormal } from './kernels/box-muller';
export { denseMatrix, denseMatrixFromRows, denseMatrixToRows, identityMatrix } from './linalg/dense-matrix';
export type { DenseMatrix } from './linalg/dense-matrix';
export { matmul, symmetrize, transpose } from './linalg/matrix-ops';
export { cholesky } from './linalg/cholesky';
export type { CholeskyOptions } from './linalg/cholesky';
export { eigh, eigvalsh } from './linalg/eigh';
export type { EighOptions, SymmetricEigenDecomposition } from './linalg/eigh';
export { clipEigenvalues, rescaleToUnitDiagonal } from './linalg/correlation-repair';
export { normalCdf } from './stats/normal-cdf';
export { normalInverseCdf } from './stats/normal-inverse-cdf';
export { normalUpperThresholds } from './stats/normal-upper-thresholds';
export { linspace } from './stats/linspace';
export { quantile, quantileSorted } from './stats/quantile';
export { MAX_SAFETENSORS_HEADER_BYTES, decodeSafetensors } from './io/safetensors-decode';
export { encodeSafetensors } from './io/safetensors-encode';
export { readSafetensors, writeSafetensors } from './io/safetensors-file';
export { SAFETENSORS_DTYPES } from './io/safetensors-dtype';
export type { SafetensorsData, SafetensorsDtype, SafetensorsTensor } from './io/safetensors-dtype';
export { readJson, writeJson } from './io/json-file';
export { writeFileAtomic } from './io/atomic-write';
// Tensor types, re-exported so packages built on core need no direct tfjs-core dependency.
export type { Rank, Tensor, Tensor1D, Tensor2D, TensorContainer } from '@tensorflow/tfjs-core';
