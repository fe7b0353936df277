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
