import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Store and emulator suites open sockets and temp files; keep workers few on a 2-core machine.
    maxWorkers: 2,
  },
});
