import { test, expect } from '@playwright/test';
import { collectErrors } from './page-errors';

// The page loads, the wasm starts, the panels render, and nothing is
// logged as an error on the way.
test('page loads without errors', async ({ page }) => {
  const errors = collectErrors(page);

  await page.goto('/');
  await expect(page).toHaveTitle('vaultsim — AWS Backup simulator');
  await expect(page.getByTestId('lesson-list')).toContainText('The five building blocks');
  await page.getByTestId('nav-plan').click();
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await page.getByTestId('nav-schedule').click();
  await expect(page.getByTestId('schedule-input')).toBeVisible();

  expect(errors).toEqual([]);
});
