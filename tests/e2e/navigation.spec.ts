import { test, expect } from '@playwright/test';

// The navigation between panels: Learn first for a new visitor, the panel left last for a
// returning one, the choice kept in the URL.

test('a new visitor lands on Learn; a returning one on the panel they left', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('lesson-list')).toBeVisible();
  await expect(page.getByTestId('nav-learn')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('nav-schedule').click();
  await expect(page.getByTestId('schedule-input')).toBeVisible();
  // The first page's address was given its panel, so Back returns to it.
  await page.goBack();
  await expect(page.getByTestId('lesson-list')).toBeVisible();
  await page.goForward();
  await expect(page.getByTestId('schedule-input')).toBeVisible();
  await page.goto('/');
  await expect(page.getByTestId('schedule-input')).toBeVisible();
  await expect(page.getByTestId('nav-schedule')).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveURL(/[?&]panel=schedule/);
});

test('the choice of panel is kept in the URL, and Back and Forward move between panels', async ({ page }) => {
  await page.goto('/?panel=plan');
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await expect(page.getByTestId('nav-plan')).toHaveAttribute('aria-current', 'page');

  await page.getByTestId('nav-schedule').click();
  await expect(page.getByTestId('schedule-input')).toBeVisible();
  await expect(page).toHaveURL(/[?&]panel=schedule/);
  await expect(page.getByTestId('nav-schedule')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('schedule-input').fill('cron(0 4 ? * MON *)');
  await expect(page.getByTestId('schedule-description')).toHaveText('At 04:00, on Monday (UTC)');

  await page.reload();
  await expect(page.getByTestId('schedule-input')).toHaveValue('cron(0 4 ? * MON *)');

  // Back returns to the plan editor; Forward to the playground, as it was left.
  await page.goBack();
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await page.goForward();
  await expect(page.getByTestId('schedule-input')).toHaveValue('cron(0 4 ? * MON *)');

  await page.getByTestId('nav-plan').click();
  await expect(page).toHaveURL(/[?&]panel=plan/);
  await page.reload();
  await expect(page.getByTestId('plan-editor')).toBeVisible();
  await page.getByTestId('nav-schedule').click();
  await expect(page.getByTestId('schedule-input')).toHaveValue('cron(0 4 ? * MON *)');
});

test('a link with the playground inputs opens the playground', async ({ page }) => {
  await page.goto('/?expr=' + encodeURIComponent('cron(0 5 L * ? *)'));
  await expect(page.getByTestId('schedule-description')).toHaveText('At 05:00, on the last day of the month (UTC)');
  await page.goto('/?panel=schedule');
  await expect(page.getByTestId('schedule-input')).toBeVisible();
});
