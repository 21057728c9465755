import { expect, Page, test } from '@playwright/test';
import { collectErrors } from './page-errors';
import { screenshotPath } from './screenshots';

// The console: the guide's restore runbook pasted as it is, answered from the simulation as the
// AWS CLI answers, `sleep` moving the player, completion and history, and a call made again when
// time goes back past it.

const input = (page: Page) => page.getByTestId('console-input');
const entries = (page: Page) => page.getByTestId('console-entry');
const cursor = (page: Page) => page.getByTestId('timeline-cursor');

/** Writes `script` into the console and runs it with Enter; waits for `count` entries in all. */
async function runInConsole(page: Page, script: string, count: number) {
  await input(page).fill(script);
  await input(page).press('Enter');
  await expect(entries(page)).toHaveCount(count);
}

const STEP_1 = `aws backup list-recovery-points-by-backup-vault \\
  --backup-vault-name "prod-primary-vault" \\
  --by-resource-type "RDS" \\
  --query 'RecoveryPoints[*].{ARN:RecoveryPointArn,Created:CreationDate,Status:Status}' \\
  --output table`;

const step3 = (arn: string, name: string) => `aws backup start-restore-job \\
  --recovery-point-arn "${arn}" \\
  --iam-role-arn "arn:aws:iam::123456789:role/service-role/AWSBackupDefaultServiceRole" \\
  --resource-type "RDS" \\
  --metadata '{
    "DBInstanceIdentifier": "${name}",
    "DBInstanceClass":      "db.t3.medium",
    "Engine":               "mysql",
    "MultiAZ":              "false",
    "DBSubnetGroupName":    "prod-subnet-group",
    "VpcSecurityGroupIds":  "sg-0abc123"
  }'`;

test('the guides restore runbook pasted as it is runs in the console, step 3 failing with its own ARN', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-16T06:00:00Z');
  await expect(page.getByTestId('console-run')).toBeEnabled();

  // Step 1: the table the guide shows, the two nights' points newest first.
  await runInConsole(page, STEP_1, 1);
  const table = entries(page).nth(0).locator('pre.stdout');
  await expect(table).toContainText('ListRecoveryPointsByBackupVault');
  const rows = (await table.innerText()).split('\n').filter((l) => l.includes('COMPLETED'));
  expect(rows).toHaveLength(2);
  expect(rows[0]).toContain('2024-01-16T02:00:00+00:00');
  expect(rows[1]).toContain('2024-01-15T02:00:00+00:00');

  // Step 3 verbatim: the guide's ARN names a point this account never had.
  await runInConsole(page, step3('arn:aws:rds:us-east-1:123456789:snapshot:awsbackup-2024-01-17-02-30', 'prod-mysql-restored-20240117'), 2);
  await expect(entries(page).nth(1).locator('pre.stderr')).toContainText(
    'An error occurred (ResourceNotFoundException) when calling the StartRestoreJob operation',
  );
  await expect(entries(page).nth(1).getByTestId('console-status')).toHaveText('exit 254');

  // The newest point, its metadata (step 2), and the restore under a new name.
  await runInConsole(
    page,
    `aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-primary-vault --by-resource-type RDS --query 'RecoveryPoints[0].RecoveryPointArn' --output text`,
    3,
  );
  const arn = (await entries(page).nth(2).locator('pre.stdout').innerText()).trim();
  expect(arn).toMatch(/^arn:aws:rds:us-east-1:111122223333:snapshot:awsbackup:job-/);
  await runInConsole(
    page,
    `aws backup get-recovery-point-restore-metadata \\\n  --backup-vault-name "prod-primary-vault" \\\n  --recovery-point-arn "${arn}"`,
    4,
  );
  await expect(entries(page).nth(3).locator('pre.stdout')).toContainText('"RestoreMetadata"');
  await runInConsole(page, step3(arn, 'prod-mysql-restored-20240117'), 5);
  const started = JSON.parse(await entries(page).nth(4).locator('pre.stdout').innerText());
  const id: string = started.RestoreJobId;
  expect(id).toBeTruthy();
  // The call is in the audit trail at once.
  await expect(page.getByTestId('audit-trail')).toContainText('StartRestoreJob');

  // Step 4 and 5 after a sleep: the player moves with it, and the commands after it wait.
  await runInConsole(
    page,
    `sleep 30m\naws backup describe-restore-job \\\n  --restore-job-id "${id}" --query Status --output text\naws rds describe-db-instances \\\n  --db-instance-identifier "prod-mysql-restored-20240117" \\\n  --query 'DBInstances[0].Endpoint.Address'`,
    8,
  );
  await expect(cursor(page)).toHaveText('2024-01-16T06:30:00Z');
  await expect(entries(page).nth(6).locator('pre.stdout')).toHaveText('COMPLETED');
  await expect(entries(page).nth(7).locator('pre.stdout')).toContainText(
    'prod-mysql-restored-20240117.',
  );
  await page.getByTestId('console').screenshot({ path: screenshotPath('console-runbook.png') });
  expect(errors).toEqual([]);
});

test('a call made in the console is made again when time goes back past it and forward', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-16T06:00:00Z');
  await expect(page.getByTestId('console-run')).toBeEnabled();
  await runInConsole(
    page,
    `aws backup list-recovery-points-by-backup-vault --backup-vault-name prod-primary-vault --by-resource-type RDS --query 'RecoveryPoints[0].RecoveryPointArn' --output text`,
    1,
  );
  const arn = (await entries(page).nth(0).locator('pre.stdout').innerText()).trim();
  await runInConsole(
    page,
    `aws backup start-restore-job --recovery-point-arn ${arn} --iam-role-arn arn:aws:iam::111122223333:role/r --metadata DBInstanceIdentifier=again`,
    2,
  );
  await expect(page.getByTestId('job-counts')).toContainText('1 restore job: CREATED 1');
  // Back a day (the run starts again), then forward past the call: it is made again.
  await page.locator('.timeline-card').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(cursor(page)).toHaveText('2024-01-15T06:00:00Z');
  await expect(page.getByTestId('job-counts')).not.toContainText('1 restore job: CREATED 1');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(cursor(page)).toHaveText('2024-01-16T06:00:00Z');
  await expect(page.getByTestId('job-counts')).toContainText('1 restore job: CREATED 1');
  await expect(page.getByTestId('audit-trail')).toContainText('StartRestoreJob');
  expect(errors).toEqual([]);
});

test('Tab completes operations and parameters, and up recalls the last command', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await expect(page.getByTestId('console-run')).toBeEnabled();
  await input(page).fill('aws backup list-backup-va');
  await input(page).press('Tab');
  await expect(input(page)).toHaveValue('aws backup list-backup-vaults ');
  await input(page).fill('aws backup list-recovery-points-by-');
  await input(page).press('Tab');
  await expect(page.getByTestId('console-offered')).toContainText('list-recovery-points-by-backup-vault');
  await expect(page.getByTestId('console-offered')).toContainText('list-recovery-points-by-resource');
  await input(page).fill('aws backup list-backup-vaults --output text');
  await input(page).press('Enter');
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).nth(0).locator('pre.stdout')).toContainText('prod-primary-vault');
  await expect(input(page)).toHaveValue('');
  await input(page).press('ArrowUp');
  await expect(input(page)).toHaveValue('aws backup list-backup-vaults --output text');
  // What the console does not simulate, and a broken quote, say so.
  await runInConsole(page, 'aws s3 ls', 2);
  await expect(entries(page).nth(1).locator('pre.stderr')).toContainText('not simulated');
  await input(page).fill("aws backup list-backup-vaults --query 'x");
  await input(page).press('Enter');
  // An open quote: Enter writes a new line, as a shell waits for the quote to close.
  await expect(entries(page)).toHaveCount(2);
  await expect(input(page)).toHaveValue("aws backup list-backup-vaults --query 'x\n");
  expect(errors).toEqual([]);
});

test('the guides alert set up in the console: the email waits for confirmation in the Inbox, then receives what is published', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-15T06:00:00Z');
  await expect(page.getByTestId('console-run')).toBeEnabled();
  const inbox = page.getByTestId('inbox');
  await expect(inbox).toContainText('Nothing yet');
  await runInConsole(page, 'aws sns create-topic --name "backup-failure-alerts"', 1);
  await expect(entries(page).nth(0).locator('pre.stdout')).toContainText('arn:aws:sns:us-east-1:111122223333:backup-failure-alerts');
  // The guide's own ARN names a 9-digit account: no such topic.
  await runInConsole(
    page,
    `aws sns subscribe \\
  --topic-arn "arn:aws:sns:us-east-1:123456789:backup-failure-alerts" \\
  --protocol "email" \\
  --notification-endpoint "ops-team@company.com"`,
    2,
  );
  await expect(entries(page).nth(1)).toContainText('An error occurred (NotFound) when calling the Subscribe operation');
  await runInConsole(
    page,
    'aws sns subscribe --topic-arn arn:aws:sns:us-east-1:111122223333:backup-failure-alerts --protocol email --notification-endpoint ops-team@company.com',
    3,
  );
  await expect(entries(page).nth(2).locator('pre.stdout')).toContainText('"SubscriptionArn": "pending confirmation"');
  await expect(inbox.getByTestId('inbox-confirmation')).toContainText('AWS Notification - Subscription Confirmation');
  // Nothing reaches a pending subscription.
  await runInConsole(page, 'aws sns publish --topic-arn arn:aws:sns:us-east-1:111122223333:backup-failure-alerts --message "before"', 4);
  await expect(inbox.getByTestId('inbox-message')).toHaveCount(0);
  await inbox.getByTestId('inbox-confirm').click();
  await expect(inbox.getByTestId('inbox-confirm')).toHaveCount(0);
  await runInConsole(page, 'aws sns publish --topic-arn arn:aws:sns:us-east-1:111122223333:backup-failure-alerts --subject drill --message "after"', 5);
  const message = inbox.getByTestId('inbox-message');
  await expect(message).toHaveCount(1);
  await expect(message).toContainText('to ops-team@company.com (email)');
  await expect(message.locator('.subject')).toHaveText('drill');
  await expect(message.locator('.body')).toHaveText('after');
  await expect(page.getByTestId('audit-trail')).toContainText('ConfirmSubscription');
  await inbox.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('console-inbox.png') });
  expect(errors).toEqual([]);
});

test('the share link carries the console calls: opened afresh, the run has what they did', async ({ page, browser }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-15T06:00:00Z');
  await expect(page.getByTestId('console-run')).toBeEnabled();
  await runInConsole(page, 'aws sns create-topic --name backup-failure-alerts', 1);
  await runInConsole(
    page,
    'aws sns subscribe --topic-arn arn:aws:sns:us-east-1:111122223333:backup-failure-alerts --protocol sqs --notification-endpoint arn:aws:sqs:us-east-1:111122223333:q',
    2,
  );
  await runInConsole(page, 'aws sns publish --topic-arn arn:aws:sns:us-east-1:111122223333:backup-failure-alerts --message shared', 3);
  await expect(page).toHaveURL(/calls=/);
  const link = page.url();
  // A fresh browser context: no stored state, only the link.
  const context = await browser.newContext();
  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await other.goto(link);
  await expect(other.getByTestId('timeline-cursor')).toHaveText('2024-01-15T06:00:00Z');
  await expect(other.getByTestId('inbox').getByTestId('inbox-message')).toContainText('"Message": "shared"');
  await expect(other.getByTestId('audit-trail')).toContainText('Publish');
  await context.close();
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});
