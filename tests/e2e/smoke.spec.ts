import { test, expect } from '@playwright/test';

// The page loads, the wasm starts, the panels render, and nothing is
// logged as an error on the way.
test('page loads without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));

  await page.goto('/');
  await expect(page).toHaveTitle('vaultsim — AWS Backup simulator');
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await page.getByTestId('nav-schedule').click();
  await expect(page.getByTestId('schedule-input')).toBeVisible();

  expect(errors).toEqual([]);
});
