/// <reference types="vite/client" />

interface ImportMetaEnv {
  /**
   * '1' in builds for browser tests and the bench (client/e2e/buildClient.ts): the scene publishes
   * `window.__twin` and the wall `window.__wall`. Unset in `npm run build`, so production ships neither.
   */
  readonly VITE_TEST_PROBE?: string;
}
