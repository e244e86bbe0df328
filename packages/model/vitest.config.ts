import { defineConfig } from 'vitest/config';

// tfjs work on a shared 2-core machine: generous per-test timeout, one file per worker.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
