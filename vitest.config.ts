import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The modules bin/playbook.js loads for a plain check are CommonJS TypeScript (.cts, see short-run.cts);
  // Vite's TypeScript transform covers .ts and .mts only unless told.
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'playbooks/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
