import { expect, test } from '@playwright/test';
import { collectErrors } from './page-errors';
import { screenshotPath } from './screenshots';

// The Simulate panel's incident card, used as an SRE rehearsing the guide's incident would: the
// database corrupted at 09:00, assessed at the moment shown; then us-east-1 lost; the worst RPO
// of each resource through the run; and a moment before any backup.

const AT_0930 = '/?panel=simulate&scenario=three-tier-web-app&at=2024-01-16T09%3A30%3A00Z';

test("the guide's incident: RPO 7h from the night's backup beside the database, RTO the modelled restore plus the cut-over", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(AT_0930);
  const card = page.getByTestId('incident');
  await expect(card.getByTestId('incident-resource')).toHaveValue('arn:aws:rds:us-east-1:111122223333:db:app-db');
  await expect(card.getByTestId('incident-objectives')).toContainText(
    'RPO 7h (data from 2024-01-16T02:00:00Z to 2024-01-16T09:00:00Z lost)',
  );
  await expect(card.getByTestId('incident-objectives')).toContainText('RTO 20m 30s = restore 20m 30s');
  await expect(card.getByTestId('incident-choice')).toContainText('a backup in prod-primary-vault');
  await card.getByTestId('incident-cutover').fill('15');
  await expect(card.getByTestId('incident-objectives')).toContainText('RTO 35m 30s = restore 20m 30s');
  await expect(card.getByTestId('incident-objectives')).toContainText('+ cut-over 15m');
  await expect(card.getByTestId('incident-line')).toBeVisible();
  expect(errors).toEqual([]);
});

test('with us-east-1 lost the DR copy in eu-west-1 is chosen and the backups beside the database cannot serve', async ({
  page,
}) => {
  await page.goto(AT_0930);
  const card = page.getByTestId('incident');
  await card.getByTestId('incident-lost').selectOption('region:us-east-1');
  const chosen = card.locator('tr.chosen');
  await expect(chosen).toHaveCount(1);
  await expect(chosen).toContainText('dr-vault');
  await expect(chosen).toContainText('444455556666 · eu-west-1');
  await expect(card.locator('tr.unusable').first()).toContainText('cannot serve: its vault is in the lost Region');
  await expect(card.getByTestId('incident-choice')).toContainText('a copy in dr-vault (444455556666, eu-west-1)');
  await expect(card.getByTestId('incident-objectives')).toContainText('RPO 7h 30m');
});

test('the chart shows each resource in place and with its Region lost, a day at worst for nightly backups', async ({
  page,
}) => {
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-20T00%3A00%3A00Z');
  const bars = page.getByTestId('incident').getByTestId('rpo-bar');
  await expect(bars).toHaveCount(6);
  await expect(bars.nth(0)).toContainText('web-server · in place');
  await expect(bars.nth(1)).toContainText('web-server · us-east-1 lost');
  await expect(bars.nth(0).locator('text.value')).toHaveText(/^1d /);
});

test('before the first backup there is nothing to restore, and the card says so', async ({ page }) => {
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-15T01%3A00%3A00Z');
  const card = page.getByTestId('incident');
  await expect(card.getByTestId('incident-choice')).toContainText('no recovery point of this resource exists yet');
  await expect(card.getByTestId('incident-objectives')).toHaveText('Nothing to restore: no RPO, no RTO.');
});

test('screenshot of the incident card for the README', { tag: '@readme' }, async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(AT_0930);
  const card = page.getByTestId('incident');
  await card.getByTestId('incident-lost').selectOption('region:us-east-1');
  await card.getByTestId('incident-cutover').fill('10');
  await expect(card.getByTestId('incident-objectives')).toContainText('RTO 30m 30s');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('incident.png') });
});

test('the resource shown is the one assessed: the corrupted database once time passes its corruption', async ({ page }) => {
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  const card = page.getByTestId('incident');
  await expect(card.getByTestId('incident-resource')).toHaveValue('arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f60718');
  await page.getByTestId('advance-day').click();
  await page.getByTestId('advance-day').click();
  await expect(card.getByTestId('incident-resource')).toHaveValue('arn:aws:rds:us-east-1:111122223333:db:app-db');
  await expect(card.getByTestId('incident-objectives')).toContainText('RPO 7h (data from 2024-01-16T02:00:00Z to 2024-01-16T09:00:00Z lost)');
  // Picked, it stays picked.
  await card.getByTestId('incident-resource').selectOption({ label: 'shared-files (EFS)' });
  await page.getByTestId('advance-day').click();
  await expect(card.getByTestId('incident-resource')).toHaveValue(/file-system/);
  await expect(card.getByTestId('incident-choice')).toContainText('prod-primary-vault');
});
