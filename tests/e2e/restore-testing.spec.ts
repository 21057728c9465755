import * as fs from 'fs';
import * as path from 'path';
import { expect, test } from '@playwright/test';
import { collectErrors } from './page-errors';
import { screenshotPath } from './screenshots';

// Restore testing on the Simulate panel, as an SRE checking that the backups restore would use
// it: the plan's lane on the timeline with each test's restore, validation and clean-up; a test
// picked for its steps; and the same scenario whose validation removes the tag, where every
// clean-up's delete is denied.

test("the restore testing plan's lane shows each test restored, validated and cleaned up", { tag: '@readme' }, async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=restore-testing&at=2024-01-15T12%3A00%3A00Z');
  const lane = page.getByTestId('test-lane');
  await expect(lane).toHaveCount(1);
  await expect(lane).toContainText('tests: daily_restore_test');
  const tests = page.getByTestId('restore-test');
  await expect(tests).toHaveCount(2);
  const steps = page.getByTestId('test-step');
  await expect(steps).toHaveCount(4);
  await expect(page.locator('[data-testid="test-step"][data-step="validation SUCCESSFUL"]')).toHaveCount(2);
  await expect(page.locator('[data-testid="test-step"][data-step="deletion SUCCESSFUL"]')).toHaveCount(2);
  await expect(page.locator('.test.bad')).toHaveCount(0);

  // A test picked: the inspector says which plan and selection, and what followed the restore.
  await tests.first().locator('rect').dispatchEvent('click');
  const inspected = page.getByTestId('inspector-restore-test');
  await expect(inspected).toContainText('Restore test by plan daily_restore_test, selection');
  await expect(inspected).toContainText('validation SUCCESSFUL: The checks against the restored resource passed.');
  await expect(inspected).toContainText('deletion SUCCESSFUL');
  // A day's window: the morning's tests, each restore then its validation and clean-up.
  await page.getByTestId('timeline-zoom').selectOption({ label: 'a day' });
  await expect(page.getByTestId('restore-test')).toHaveCount(2);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page
    .locator('.card', { has: page.getByTestId('timeline') })
    .screenshot({ path: screenshotPath('restore-testing.png') });
  expect(errors).toEqual([]);
});

test('a validation that removes the awsbackup-restore-test tag makes every clean-up fail, drawn in red', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=restore-testing');
  const scenario = fs.readFileSync(path.join(__dirname, '../../examples/restore-testing-tag-removed.json'), 'utf8');
  await page.getByTestId('scenario-import').setInputFiles({
    name: 'restore-testing-tag-removed.json',
    mimeType: 'application/json',
    buffer: Buffer.from(scenario),
  });
  await expect(page.getByTestId('scenario-picker')).toHaveValue('custom');
  await page.getByTestId('timeline-jump').fill('2024-01-15T12:00');
  await page.getByTestId('timeline-go').click();
  await expect(page.getByTestId('timeline-cursor')).toHaveText('2024-01-15T12:00:00Z');
  await expect(page.locator('[data-testid="test-step"][data-step="deletion FAILED"]')).toHaveCount(2);
  await expect(page.locator('.test.bad')).toHaveCount(2);
  await page.getByTestId('restore-test').first().locator('rect').dispatchEvent('click');
  await expect(page.getByTestId('inspector-restore-test')).toContainText(
    'carries the awsbackup-restore-test tag, and this one does not',
  );
  // The role's delete calls are on the audit trail, denied.
  const trail = page.getByTestId('audit-trail');
  await expect(trail.locator('.audit-entry.denied', { hasText: 'DeleteDBInstance' })).toHaveCount(1);
  await expect(trail.locator('.audit-entry.denied', { hasText: 'DeleteFileSystem' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('the console updates a restore testing plan, and deletes it only once its selections are gone', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=restore-testing');
  const input = page.getByTestId('console-input');
  const entries = page.getByTestId('console-entry');
  await expect(page.getByTestId('console-run')).toBeEnabled();
  const run = async (line: string, count: number) => {
    await input.fill(line);
    await input.press('Enter');
    await expect(entries).toHaveCount(count);
  };
  await run(
    `aws backup update-restore-testing-plan --restore-testing-plan-name daily_restore_test --restore-testing-plan '{"StartWindowHours": 2}' --query RestoreTestingPlanName --output text`,
    1,
  );
  await expect(entries.nth(0).locator('pre.stdout')).toHaveText('daily_restore_test');
  await run('aws backup delete-restore-testing-plan --restore-testing-plan-name daily_restore_test', 2);
  await expect(entries.nth(1).locator('pre.stderr')).toContainText(
    '(InvalidRequestException) when calling the DeleteRestoreTestingPlan operation',
  );
  await run(
    'aws backup delete-restore-testing-selection --restore-testing-plan-name daily_restore_test --restore-testing-selection-name app_database',
    3,
  );
  await run(
    'aws backup delete-restore-testing-selection --restore-testing-plan-name daily_restore_test --restore-testing-selection-name shared_files',
    4,
  );
  await run('aws backup delete-restore-testing-plan --restore-testing-plan-name daily_restore_test', 5);
  await expect(entries.nth(4).getByTestId('console-status')).toHaveCount(0);
  await run("aws backup list-restore-testing-plans --query 'length(RestoreTestingPlans)'", 6);
  await expect(entries.nth(5).locator('pre.stdout')).toHaveText('0');
  expect(errors).toEqual([]);
});
