import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // generous: CI runs the whole suite, browser and LibreOffice included, on 2 cores; a cold tsx cache slows
    // the first command-line runs of a fresh clone
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
