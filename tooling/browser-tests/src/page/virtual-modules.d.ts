/** Modules that build.mjs's esbuild plugin makes up at bundle time. */
declare module 'synth:test-files' {
  /** Workspace-relative test file → a loader of its bundled chunk. */
  export const TEST_FILES: Readonly<Record<string, () => Promise<unknown>>>;
}

declare module 'synth:skip-rules' {
  import type { SkipRule } from './protocol';

  export const SKIP: readonly SkipRule[];
}
