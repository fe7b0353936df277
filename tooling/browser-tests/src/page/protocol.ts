/** What the page hands back to the Node driver (plain JSON). */
export type BrowserBackend = 'wasm' | 'webgl' | 'webgpu';

export interface TestResult {
  readonly file: string;
  readonly name: string;
  readonly state: 'passed' | 'failed' | 'skipped' | 'todo';
  readonly durationMs: number;
  readonly errors: readonly string[];
  readonly skipReason?: string;
}

/** Tests not run on some browser backends, and why (see src/skip-rules.mjs). */
export interface SkipRule {
  readonly backends: readonly BrowserBackend[];
  readonly file: string;
  /** A regular expression matched against the test's full name; absent: the whole file. */
  readonly test?: string;
  readonly reason: string;
}

export interface BackendInfo {
  /** e.g. `webgl (float32 render targets, ε = 2^-23)`: how the backend computes here. */
  readonly label: string;
  readonly epsilon: number;
  /** What the browser says it renders with (WebGL renderer, WebGPU adapter). */
  readonly device?: string;
}

export interface PageResult extends BackendInfo {
  readonly backend: BrowserBackend;
  readonly tests: readonly TestResult[];
  readonly durationMs: number;
  readonly fatal?: string;
  /** Skip rules for files that ran that matched no test (renamed tests): see src/skip-rules.mjs. */
  readonly staleSkipRules?: readonly string[];
}
