import { test, expect, Page } from '@playwright/test';
import { collectErrors } from './page-errors';

import { screenshotPath } from './screenshots';

// The schedule playground, used as a person would: typing expressions and time zones and reading
// what the page says. `after` pins "Runs after" so the run times are fixed.
const START = '/?after=2024-01-15T00:00';

async function typeExpression(page: Page, text: string) {
  const input = page.getByTestId('schedule-input');
  await input.fill('');
  await input.pressSequentially(text);
}

test('a valid expression shows its description, next ten runs and month calendar', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(START);
  await typeExpression(page, 'cron(0 2 * * ? *)');

  await expect(page.getByTestId('schedule-description')).toHaveText('At 02:00, every day (UTC)');
  const runs = page.getByTestId('schedule-next-runs').locator('li');
  await expect(runs).toHaveCount(10);
  await expect(runs.nth(0)).toContainText('2024-01-15T02:00:00Z');
  await expect(runs.nth(1)).toContainText('2024-01-16T02:00:00Z');
  await expect(runs.nth(9)).toContainText('2024-01-24T02:00:00Z');
  await expect(page.getByTestId('schedule-error')).toHaveCount(0);

  await expect(page.getByTestId('calendar-month')).toHaveText('January 2024');
  await expect(page.getByTestId('schedule-calendar')).toContainText('31 runs');
  expect(errors).toEqual([]);
});

test('an invalid expression shows the diagnostic pointing into it, and fixing it clears it', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(START);
  await typeExpression(page, 'cron(0 24 * * ? *)');

  const error = page.getByTestId('schedule-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('Hours: 24 is out of range 0-23');
  await expect(error).toContainText('schedule-out-of-range');
  await expect(error.locator('mark')).toHaveText('24');
  await expect(error).toContainText('help:');
  // The text the user typed stays, and the last valid schedule stays on screen.
  await expect(page.getByTestId('schedule-input')).toHaveValue('cron(0 24 * * ? *)');
  await expect(page.getByTestId('schedule-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('schedule-next-runs').locator('li')).toHaveCount(10);
  await expect(page.getByText('Showing the last valid schedule')).toBeVisible();

  // Fix it: the error goes and the new schedule shows.
  await typeExpression(page, 'cron(0 23 * * ? *)');
  await expect(error).toHaveCount(0);
  await expect(page.getByTestId('schedule-description')).toHaveText('At 23:00, every day (UTC)');
  await expect(page.getByTestId('schedule-next-runs').locator('li').first()).toContainText('2024-01-15T23:00:00Z');
  expect(errors).toEqual([]);
});

test('a rate expression is refused: AWS Backup takes cron only', async ({ page }) => {
  await page.goto(START);
  await typeExpression(page, 'rate(1 day)');
  await expect(page.getByTestId('schedule-error')).toContainText('AWS Backup accepts cron expressions only');
});

test('half-typed and nonsense input never breaks the page', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(START);
  for (const text of ['c', 'cron(', 'cron(0 2 * *', 'cron(é ☃ ? * * *)', ')))(((', '   ', 'cron(0 0 ? * 3#1,6#3 *)']) {
    await typeExpression(page, text);
    await expect(page.getByTestId('schedule-error')).toBeVisible();
  }
  await typeExpression(page, 'cron(0 5 ? * * *)');
  await expect(page.getByTestId('schedule-description')).toHaveText('At 05:00, every day (UTC)');
  expect(errors).toEqual([]);
});

test('more often than hourly is an AWS Backup warning, and the runs still show', async ({ page }) => {
  await page.goto(START);
  await typeExpression(page, 'cron(0/30 * * * ? *)');
  await expect(page.getByTestId('schedule-warning')).toContainText('at most once an hour');
  await expect(page.getByTestId('schedule-error')).toHaveCount(0);
  await expect(page.getByTestId('schedule-next-runs').locator('li').first()).toContainText('2024-01-15T00:30:00Z');
});

test('the time zone moves the runs to its wall clock, and an unknown zone is explained', async ({ page }) => {
  await page.goto(START);
  await typeExpression(page, 'cron(0 2 * * ? *)');
  const zone = page.getByTestId('schedule-timezone');
  await zone.fill('America/New_York');
  await expect(page.getByTestId('schedule-description')).toHaveText('At 02:00, every day (America/New_York)');
  await expect(page.getByTestId('schedule-next-runs').locator('li').first()).toContainText('2024-01-15T07:00:00Z');

  await zone.fill('Europe/Londn');
  await expect(page.getByTestId('schedule-error')).toContainText('did you mean Europe/London?');
});

test('a schedule that runs out says so', async ({ page }) => {
  await page.goto('/?after=2022-10-01T00:00');
  await typeExpression(page, 'cron(15 10 ? * 6L 2019-2022)');
  await expect(page.getByTestId('schedule-next-runs').locator('li')).toHaveCount(3);
  await page.goto('/?after=2023-01-01T00:00&expr=' + encodeURIComponent('cron(15 10 ? * 6L 2019-2022)'));
  await expect(page.getByTestId('schedule-next-runs')).toContainText('No runs after this time');
});

test('the calendar moves between months', async ({ page }) => {
  await page.goto(START);
  await typeExpression(page, 'cron(0 5 L * ? *)');
  await page.getByRole('button', { name: 'Next month' }).click();
  await expect(page.getByTestId('calendar-month')).toHaveText('February 2024');
  await expect(page.getByRole('gridcell', { name: 'Day 29: 1 runs' })).toBeVisible();
});

test('a reload keeps the expression and time zone', async ({ page }) => {
  await page.goto(START);
  await typeExpression(page, 'cron(0 3 ? * SUN *)');
  await page.getByTestId('schedule-timezone').fill('Europe/London');
  await expect(page.getByTestId('schedule-description')).toHaveText('At 03:00, on Sunday (Europe/London)');
  await page.reload();
  await expect(page.getByTestId('schedule-input')).toHaveValue('cron(0 3 ? * SUN *)');
  await expect(page.getByTestId('schedule-timezone')).toHaveValue('Europe/London');
  await expect(page.getByTestId('schedule-description')).toHaveText('At 03:00, on Sunday (Europe/London)');
});

test('screenshots of the playground for the README', { tag: '@readme' }, async ({ page }) => {
  await page.goto(START);
  await typeExpression(page, 'cron(0 2 * * ? *)');
  await expect(page.getByTestId('schedule-next-runs').locator('li')).toHaveCount(10);
  await page.screenshot({ path: screenshotPath('screenshot.png') });
  await typeExpression(page, 'cron(0 2 * * MON *)');
  await expect(page.getByTestId('schedule-error')).toBeVisible();
  await page.getByTestId('schedule-error').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('screenshot-error.png') });
});
