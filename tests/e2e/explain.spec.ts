import { test, expect, Page } from '@playwright/test';
import { collectErrors } from './page-errors';
import { paste } from './plan-helpers';

// Each finding's code links to its explanation: the core's registry entry, the same text
// `vaultsim explain CODE` prints, closed until asked for.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const SHORT_START_WINDOW = `{
  "BackupPlanName": "p",
  "Rules": [
    { "RuleName": "Daily", "TargetBackupVaultName": "prod-vault", "StartWindowMinutes": 30 }
  ]
}
`;

async function typeExpression(page: Page, text: string) {
  const input = page.getByTestId('schedule-input');
  await input.fill('');
  await input.pressSequentially(text);
}

test("a plan finding's code opens its explanation: summary, severity, evidence and example", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=plan');
  await paste(page, SHORT_START_WINDOW);

  const finding = page
    .getByTestId('plan-diagnostic')
    .filter({ hasText: 'start-window-too-short' });
  await expect(finding).toHaveCount(1);
  const explanation = finding.getByTestId('code-explanation');
  await expect(explanation).not.toHaveAttribute('open', '');
  await expect(explanation.locator('.explanation-summary')).toHaveCount(0);

  await explanation.locator('summary').click();
  await expect(explanation.locator('.explanation-summary')).toHaveText('StartWindowMinutes under 60.');
  await expect(explanation).toContainText('Severity: error');
  await expect(explanation).toContainText('validation-rules.json RULE-7');
  await expect(explanation.locator('.explanation-example')).toContainText('"StartWindowMinutes": 30');
  await expect(explanation).toContainText('vaultsim explain start-window-too-short');

  // Opening the explanation does not select the finding in the editor: the editor keeps its text.
  await expect(page.getByTestId('plan-editor')).toHaveValue(SHORT_START_WINDOW);
  expect(errors).toEqual([]);
});

test("the schedule playground's diagnostic explains its code", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?after=2024-01-15T00:00');
  await typeExpression(page, 'cron(0 24 * * ? *)');

  const error = page.getByTestId('schedule-error');
  await expect(error).toContainText('schedule-out-of-range');
  const explanation = error.getByTestId('code-explanation');
  await explanation.locator('summary').click();
  await expect(explanation.locator('.explanation-summary')).toHaveText(
    'A field value outside its range (Hours 0-23, Day-of-month 1-31, ...).',
  );
  await expect(explanation).toContainText('eventbridge-cron-expressions.md');
  await expect(explanation.locator('.explanation-example')).toHaveText('cron(0 24 * * ? *)');
  expect(errors).toEqual([]);
});

test('the explanations come from codes.json beside the page; when it cannot be fetched, the CLI is named and a reopen tries again', async ({ page }) => {
  const errors = collectErrors(page);
  let asked = 0;
  await page.route('**/codes.json', (route) => {
    asked += 1;
    return route.fulfill({ status: 503, body: '' });
  });
  await page.goto('/?panel=plan');
  await paste(page, SHORT_START_WINDOW);
  const explanation = page
    .getByTestId('plan-diagnostic')
    .filter({ hasText: 'start-window-too-short' })
    .getByTestId('code-explanation');
  await explanation.locator('summary').click();
  await expect(explanation).toContainText('codes.json answered 503: vaultsim explain start-window-too-short prints it.');
  expect(asked).toBe(1);

  // Closed and opened again, once the file is there: the entry.
  await page.unroute('**/codes.json');
  await explanation.locator('summary').click();
  await explanation.locator('summary').click();
  await expect(explanation.locator('.explanation-summary')).toHaveText('StartWindowMinutes under 60.');
  // The browser logs the failed fetch itself; the page logs nothing else.
  expect(errors.filter((e) => !e.includes('503'))).toEqual([]);
});
