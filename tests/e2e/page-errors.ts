import { Page } from '@playwright/test';

// Everything the page logs as an error, and every uncaught exception, from now on: a test ends
// by expecting the list to be empty.
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  return errors;
}
