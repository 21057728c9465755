// The page's benchmarks (`cargo xtask bench-page`): figures printed, never asserted, one at a
// time so that they do not share the two cores with each other. Same browser as the tests.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  workers: 1,
  timeout: 600_000,
  use: { ...base.use, trace: 'off' },
});
