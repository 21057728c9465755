import { expect, Page, test } from '@playwright/test';
import { collectErrors } from './page-errors';

// The page's wasm is split (src/chunk.rs, xtask/src/split.rs): the console's and the lessons'
// code comes in a chunk fetched on first use. A first visit to the Learn list, the Plan or the
// Schedule panel downloads only the main module; a lesson or the Simulate panel's console
// fetches the chunk; a chunk that cannot be had is said, and the rest of the page goes on.

const CHUNK = /\/split_learn_console-[0-9a-f]{16}\.wasm$/;

/** Every .wasm the page asks for, from now on. */
function wasmRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.wasm')) asked.push(url.pathname);
  });
  return asked;
}

test('the Learn list, the Plan and the Schedule panels load only the main wasm', async ({ page }) => {
  const errors = collectErrors(page);
  const asked = wasmRequests(page);
  await page.goto('/?panel=learn');
  await expect(page.locator('.lesson-row').first()).toBeVisible();
  await expect(page.locator('.lesson-row.broken')).toHaveCount(0);
  await page.getByTestId('nav-plan').click();
  await expect(page.getByTestId('nav-plan')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('nav-schedule').click();
  await expect(page.getByTestId('nav-schedule')).toHaveAttribute('aria-current', 'page');
  expect(asked).toHaveLength(1);
  expect(asked[0]).toMatch(/\/vaultsim-web-[0-9a-f]+_bg\.wasm$/);
  expect(errors).toEqual([]);
});

test('opening a lesson fetches the console and lessons chunk once, and the lesson works', async ({ page }) => {
  const errors = collectErrors(page);
  const asked = wasmRequests(page);
  await page.goto('/?panel=learn');
  await page.locator('.lesson-row a').first().click();
  await expect(page.getByTestId('lesson')).toBeVisible();
  await page.getByTestId('console-input').fill('aws backup list-backup-vaults --query "length(BackupVaultList)"');
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-entry').last().locator('.stdout')).toHaveText(/^\d+\s*$/);
  // Back to the list and into another lesson: the chunk is not fetched again.
  await page.goBack();
  await page.locator('.lesson-row a').nth(1).click();
  await expect(page.getByTestId('lesson')).toBeVisible();
  expect(asked.filter((url) => CHUNK.test(url))).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('a chunk that cannot be fetched is said where the console and the lesson would be, and the page goes on', async ({
  page,
}) => {
  await page.route(CHUNK, (route) => route.abort());
  await page.goto('/?panel=simulate');
  // The console, the Inbox, the incident, cost, audit and comparison cards come with the chunk.
  await expect(page.getByTestId('chunk-unavailable')).toHaveCount(6);
  await expect(page.getByTestId('chunk-unavailable').first()).toContainText('could not be loaded');
  // The rest of the Simulate panel runs without it.
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await page.getByRole('button', { name: '+1 day' }).click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await page.goto('/?panel=learn&lesson=00-start-here');
  await expect(page.getByTestId('lesson-unread')).toContainText('could not be loaded');
  await page.getByTestId('nav-plan').click();
  await expect(page.getByTestId('nav-plan')).toHaveAttribute('aria-current', 'page');
});
