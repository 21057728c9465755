import { expect, test } from '@playwright/test';
import { collectErrors } from './page-errors';
import { screenshotPath } from './screenshots';

// The Simulate panel's cost card, used as someone asking what the guide's plan costs: months of
// the run priced with the public price list, the prices no source gives asked for, a price
// given changing the total, and every price's source shown.

const FIVE_MONTHS = '/?panel=simulate&scenario=three-tier-web-app&at=2024-06-15T00%3A00%3A00Z';

test('months of the guide plan are priced with the public list, and the prices no source gives are asked for', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(FIVE_MONTHS);
  const card = page.getByTestId('cost');
  await expect(card.getByTestId('cost-total')).toContainText('USD priced over 6 month(s)');
  await expect(card.getByTestId('cost-total')).toContainText('price(s) no public source gives are left out');
  await expect(card.getByTestId('cost-bar')).toHaveCount(6);
  await expect(card.getByTestId('cost-month')).toHaveCount(6);
  // EFS warm storage in us-east-1 has a public price, with its source.
  const efs = card.getByTestId('cost-price').filter({ hasText: 'us-east-1 EFS storage warm per GB-month' });
  await expect(efs.locator('input')).toHaveValue('0.0500');
  await expect(efs).toContainText('cloudburn');
  // RDS storage has none: asked for, not guessed.
  const rds = card.getByTestId('cost-price').filter({ hasText: 'us-east-1 RDS storage warm per GB-month' });
  await expect(rds.locator('input')).toHaveValue('');
  await expect(rds).toContainText('no public price: give yours');
  expect(errors).toEqual([]);
});

test('a price given changes the total and is no longer asked for', async ({ page }) => {
  await page.goto(FIVE_MONTHS);
  const card = page.getByTestId('cost');
  const total = card.getByTestId('cost-total');
  await expect(total).toContainText('USD priced');
  const before = parseFloat((await total.locator('strong').innerText()).split(' ')[0]);
  const wantedBefore = parseInt((await total.innerText()).match(/; (\d+) price\(s\)/)![1], 10);
  const input = card.getByLabel('us-east-1 RDS storage warm per GB-month');
  await input.fill('0.095');
  await input.press('Enter');
  await expect(total).not.toContainText(`${wantedBefore} price(s)`);
  const after = parseFloat((await total.locator('strong').innerText()).split(' ')[0]);
  expect(after).toBeGreaterThan(before);
  await expect(total).toContainText(`${wantedBefore - 1} price(s)`);
  // A month's lines show the rate given.
  await card.getByTestId('cost-month').first().locator('summary').click();
  await expect(card.getByTestId('cost-month').first()).toContainText('0.0950');
});

test('a plan keeping points warm under a week gets AWS advice', async ({ page }) => {
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await page.getByTestId('scenario-json-toggle').click();
  const editor = page.getByTestId('scenario-json');
  const scenario = JSON.parse(await editor.inputValue());
  scenario.Plans[0].Document.Rules[0].Lifecycle = { DeleteAfterDays: 3 };
  await editor.fill(JSON.stringify(scenario, null, 2));
  await page.getByTestId('scenario-run').click();
  await page.getByRole('button', { name: '+1 day' }).click();
  const advice = page.getByTestId('cost').getByTestId('cost-advice');
  await expect(advice).toHaveCount(1);
  await expect(advice).toContainText('prod-primary-vault keeps recovery points warm under a week');
});

test('screenshot of the cost card for the README', { tag: '@readme' }, async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(FIVE_MONTHS);
  const card = page.getByTestId('cost');
  const input = card.getByLabel('us-east-1 RDS storage warm per GB-month');
  await input.fill('0.095');
  await input.press('Enter');
  await expect(card.getByTestId('cost-total')).toContainText('USD priced over 6 month(s)');
  await card.getByTestId('cost-month').first().locator('summary').click();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('cost.png') });
});
