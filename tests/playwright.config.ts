// Playwright drives Debian's Chromium (/usr/bin/chromium): the machines cannot
// download Playwright's own browsers. `cargo xtask test` serves dist/ on a free
// local port and passes its URL in VAULTSIM_BASE_URL.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.VAULTSIM_BASE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  reporter: 'list',
  retries: 0,
  workers: 2,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // Headless as root on a closed network: no sandbox, no GPU, and none of
      // Chromium's background connections (they are refused, many at a time).
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
