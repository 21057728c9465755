import { expect, test } from '@playwright/test';
import { collectErrors } from './page-errors';

// The Simulate panel's audit card, used as someone asking whether the guide's set-up passes an
// audit: Backup Audit Manager's eleven controls at the moment shown, why what fails fails, a
// framework of one's own pasted, and a malformed one explained while the text stays.

const TWO_DAYS = '/?panel=simulate&scenario=three-tier-web-app&at=2024-01-17T00%3A00%3A00Z';

const control = (page, name: string) =>
  page.getByTestId('audit').locator(`[data-testid="audit-control"][data-control="${name}"]`);

test('the eleven controls are evaluated, each failing one saying why', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(TWO_DAYS);
  await expect(page.getByTestId('audit').getByTestId('audit-control')).toHaveCount(11);
  // Every resource the guide's plan selects is in a plan: the three of the scenario pass.
  await expect(control(page, 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN').getByTestId('audit-summary')).toContainText(
    'COMPLIANT 3',
  );
  // The nightly rule keeps points 30 days, under the control's default 35.
  const retention = control(page, 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK');
  await expect(retention.getByTestId('audit-summary')).toHaveText('COMPLIANT 0 / NON_COMPLIANT 1');
  await retention.locator('summary').click();
  await expect(retention).toContainText('plan prod-backup-plan: no rule backing up at least every 1 day and keeping points at least 35 days');
  // Every point is encrypted: as its source is, or with the vault's key.
  await expect(control(page, 'BACKUP_RECOVERY_POINT_ENCRYPTED').getByTestId('audit-summary')).toHaveText(
    'COMPLIANT 12 / NON_COMPLIANT 0',
  );
  // What the framework does not say is said, not guessed: maxRestoreTime has no default.
  await expect(control(page, 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET').getByTestId('audit-summary')).toContainText(
    'not evaluated',
  );
  expect(errors).toEqual([]);
});

test("a framework of one's own is used, and a malformed one is explained with its text kept", async ({ page }) => {
  await page.goto(TWO_DAYS);
  const card = page.getByTestId('audit');
  await card.locator('.audit-framework summary').click();
  const text = card.getByTestId('audit-framework');
  await text.fill(
    '{"FrameworkName": "thirty", "FrameworkControls": [{"ControlName": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", "ControlInputParameters": [{"ParameterName": "requiredRetentionDays", "ParameterValue": "30"}]}]}',
  );
  await card.getByTestId('audit-apply').click();
  await expect(card.getByTestId('audit-control')).toHaveCount(1);
  await expect(card.getByTestId('audit-summary')).toHaveText(/^COMPLIANT \d+ \/ NON_COMPLIANT 0$/);
  const bad = '{"FrameworkName": "x", "FrameworkControls": [{"ControlName": "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHEK"}]}';
  await text.fill(bad);
  await card.getByTestId('audit-apply').click();
  await expect(card.getByTestId('audit-problems')).toContainText('FrameworkControls[0].ControlName');
  await expect(card.getByTestId('audit-problems')).toContainText('did you mean');
  await expect(text).toHaveValue(bad);
  // The last good framework stays in use.
  await expect(card.getByTestId('audit-control')).toHaveCount(1);
});
