import { expect, Page, test } from '@playwright/test';
import { collectErrors } from './page-errors';

// The Simulate panel's comparison card, used as an engineer checking a change before deploying
// it: the guide's plan opened in the plan editor, its nightly rule made a continuous backup, and
// the scenario run with the plan as deployed and as edited, side by side.

/** Opens the guide's plan in the plan editor, makes its nightly rule a continuous backup kept 35
 * days, and simulates the scenario with it. */
async function simulateContinuousPlan(page: Page) {
  await page.getByTestId('edit-plan-0').click();
  const editor = page.getByTestId('plan-editor');
  const plan = JSON.parse(await editor.inputValue());
  plan.Rules[0].EnableContinuousBackup = true;
  plan.Rules[0].Lifecycle = { DeleteAfterDays: 35 };
  await editor.fill(JSON.stringify(plan, null, 2));
  await expect(page.getByTestId('plan-counts')).toContainText('0 errors');
  await page.getByTestId('simulate-plan').click();
  await expect(page).toHaveURL(/panel=simulate/);
}

test('the deployed and the edited plan run side by side, and the comparison says what the edit changes', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  const card = page.getByTestId('comparison');
  await expect(card.getByTestId('comparison-idle')).toContainText('Open one of the scenario');
  await simulateContinuousPlan(page);
  await card.getByTestId('comparison-run').click();
  const rows = card.getByTestId('comparison-row');
  await expect(rows.filter({ hasText: 'Backup jobs' })).toContainText('102 (COMPLETED 102)');
  // One continuous recovery point, updated, where the nightly rule made one a night.
  const points = rows.filter({ hasText: 'Recovery points in prod-primary-vault' });
  await expect(points.locator('td').nth(1)).toHaveText('102');
  await expect(points.locator('td').nth(2)).toHaveText('73');
  await expect(rows.filter({ hasText: 'Worst RPO of web-server (in place)' }).locator('td').nth(3)).toHaveText('');
  await expect(card.getByTestId('comparison-difference')).toContainText('They first part at 2024-01-15T02:25:51Z');
  await expect(rows.filter({ hasText: 'Cost, priced' })).toContainText('USD');
  expect(errors).toEqual([]);
});

test('the comparison prices both runs with the prices set in the Cost card', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await simulateContinuousPlan(page);
  const card = page.getByTestId('comparison');
  await card.getByTestId('comparison-run').click();
  const leftOut = card.getByText(/price\(s\) no public source gives are left out/);
  const before = parseInt((await leftOut.innerText()).match(/(\d+) price/)![1], 10);
  // A week on, the Cost card has lines to price: the database's warm storage given.
  await page.getByTestId('advance-week').click();
  const input = page.getByTestId('cost').getByLabel('us-east-1 RDS storage warm per GB-month');
  await input.fill('0.095');
  await input.press('Enter');
  await card.getByTestId('comparison-run').click();
  await expect(card).toContainText(`${before - 1} price(s) no public source gives are left out`);
  expect(errors).toEqual([]);
});
