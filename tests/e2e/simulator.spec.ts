import { expect, test } from '@playwright/test';
import { collectErrors } from './page-errors';
import * as fs from 'fs';

import { screenshotPath } from './screenshots';

const FAILED_COPIES = '{"source": ["aws.backup"], "detail-type": ["Copy Job State Change"], "detail": {"state": ["FAILED"]}}';

test('the three-tier night: a day on, three points in prod-primary-vault and three copies in dr-vault', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate');
  await expect(page.getByTestId('scenario-picker')).toHaveValue('three-tier-web-app');
  await expect(page.getByTestId('timeline-cursor')).toHaveText('2024-01-15T00:00:00Z');
  await page.getByTestId('advance-day').click();
  await expect(page.getByTestId('timeline-cursor')).toHaveText('2024-01-16T00:00:00Z');
  await expect(page.getByTestId('vault-prod-primary-vault').getByTestId('vault-points')).toHaveText('3 recovery points');
  await expect(page.getByTestId('vault-dr-vault').getByTestId('vault-points')).toHaveText('3 recovery points');
  await expect(page.getByTestId('job-counts')).toContainText('3 backup jobs: COMPLETED 3');
  await expect(page.getByTestId('job-counts')).toContainText('3 copy jobs: COMPLETED 3');
  // The architecture, laid out from the scenario: two accounts, the vaults with their points,
  // three backup arrows into the primary vault and a copy arrow to DR.
  const architecture = page.getByTestId('architecture-diagram');
  await expect(architecture.locator('.account')).toHaveCount(2);
  await expect(architecture.getByTestId('arch-vault-prod-primary-vault').getByTestId('arch-vault-points')).toHaveText('3 points: 3 warm, 0 cold');
  await expect(architecture.getByTestId('arch-vault-dr-vault').getByTestId('arch-vault-points')).toHaveText('3 points: 3 warm, 0 cold');
  await expect(architecture.locator('.flow.backup')).toHaveCount(3);
  await expect(architecture.locator('.flow.copy')).toHaveCount(1);
  await expect(architecture.locator('.flow.active')).toHaveCount(0);
  // Every event of the night is in the log, and opens to its EventBridge JSON.
  const log = page.getByTestId('event-log');
  await expect(log.locator('li.event').first()).toContainText('Backup Job State Change');
  await log.locator('li.event summary').first().click();
  const json = JSON.parse(await log.locator('li.event pre').first().innerText());
  expect(json.source).toBe('aws.backup');
  expect(json.detail.state).toBe('CREATED');
  // The next day brings the guide's incident: the restore from the DR copy, audited.
  await page.getByTestId('advance-day').click();
  await expect(page.getByTestId('job-counts')).toContainText('1 restore job: COMPLETED 1');
  await expect(page.getByTestId('audit-trail')).toContainText('StartRestoreJob');
  expect(errors).toEqual([]);
});

test('a typed event pattern keeps the events EventBridge would match, and a bad one is explained', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate');
  await page.getByTestId('scenario-picker').selectOption('cross-account-denied');
  await page.getByTestId('advance-day').click();
  await page.getByTestId('event-pattern').fill(FAILED_COPIES);
  const rows = page.getByTestId('event-log').locator('li.event');
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) {
    await expect(row).toContainText('Copy Job State Change');
    await expect(row.locator('.state')).toHaveText('FAILED');
  }
  await expect(page.getByTestId('audit-trail')).toContainText('denied: AccessDeniedException');
  // The events shown download as NDJSON: one EventBridge event a line.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-ndjson').click(),
  ]);
  expect(download.suggestedFilename()).toBe('vaultsim-events.ndjson');
  const lines = fs.readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(3);
  for (const line of lines) {
    const event = JSON.parse(line);
    expect(event['detail-type']).toBe('Copy Job State Change');
    expect(event.detail.state).toBe('FAILED');
  }
  // A pattern EventBridge would refuse is shown where it is wrong; the log stays.
  await page.getByTestId('event-pattern').fill('{"detail": {"state": "FAILED"}}');
  await expect(page.locator('.diagnostic.error')).toContainText('a pattern');
  await expect(page.locator('.diagnostic.error mark')).toHaveText('"FAILED"');
  // The scenario is kept in the URL.
  expect(new URL(page.url()).searchParams.get('scenario')).toBe('cross-account-denied');
  await page.reload();
  await expect(page.getByTestId('scenario-picker')).toHaveValue('cross-account-denied');
  expect(errors).toEqual([]);
});

test('screenshot of the simulator for the README', { tag: '@readme' }, async ({ page }) => {
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await page.getByTestId('advance-day').click();
  await page.getByTestId('advance-day').click();
  await page.getByTestId('event-pattern').fill('{"detail-type": ["Restore Job State Change", "Copy Job State Change"]}');
  await expect(page.getByTestId('event-log').locator('li.event').first()).toBeVisible();
  await page.getByTestId('event-pattern').blur();
  // The restore picked: the inspector shows its states, under the timeline.
  await page.getByTestId('timeline').locator('[data-kind="restore"]').click();
  await expect(page.getByTestId('inspector-title')).toContainText('restore job');
  await page.locator('.timeline-card').evaluate((card) => window.scrollTo(0, card.getBoundingClientRect().top + window.scrollY - 12));
  await page.screenshot({ path: screenshotPath('simulator.png') });
});

test('an injected failure turns the next job red and FAILED, and the share link opens the same run', async ({ page, context }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await page.getByTestId('fault-resource').selectOption({ label: 'app-db (RDS MySQL)' });
  await page.getByTestId('inject-failure').click();
  await expect(page.getByTestId('injected-faults')).toContainText('the next job of app-db (RDS MySQL) to finish after 2024-01-15T00:00:00Z fails');
  await page.getByTestId('advance-day').click();
  await expect(page.getByTestId('job-counts')).toContainText('3 backup jobs: COMPLETED 2, FAILED 1');
  // No recovery point, so no copy: two of each.
  await expect(page.getByTestId('vault-prod-primary-vault').getByTestId('vault-points')).toHaveText('2 recovery points');
  // On the timeline, the failed job is a red bar among green ones.
  const timeline = page.getByTestId('timeline');
  const failedBar = timeline.locator('[data-testid="job-bar"][data-kind="backup"][data-state="FAILED"]');
  await expect(failedBar).toHaveCount(1);
  await expect(failedBar).toHaveCSS('fill', 'rgb(239, 68, 68)');
  await expect(timeline.locator('[data-testid="job-bar"][data-kind="backup"][data-state="COMPLETED"]')).toHaveCount(2);
  // Picking it shows its path through the backup job's state machine, FAILED lit, and the same
  // as Mermaid text.
  await failedBar.click();
  const diagram = page.getByTestId('state-diagram');
  await expect(diagram.locator('.node.current')).toHaveAttribute('data-state', 'FAILED');
  await expect(diagram.locator('.node.visited')).toHaveCount(3);
  await expect(diagram.locator('.edge.taken')).toHaveCount(3);
  await expect(page.getByTestId('state-caption')).toContainText('FAILED since 2024-01-15T');
  await page.getByTestId('state-machine-mermaid-toggle').click();
  await expect(page.getByTestId('state-machine-mermaid')).toContainText('RUNNING --> FAILED');
  await expect(page.getByTestId('state-machine-mermaid')).toContainText('class FAILED current');
  await page.getByTestId('event-pattern').fill('{"source": ["aws.backup"], "detail-type": ["Backup Job State Change"], "detail": {"state": ["FAILED"]}}');
  const rows = page.getByTestId('event-log').locator('li.event');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('arn:aws:rds:us-east-1:111122223333:db:app-db');
  await expect(rows.first().locator('.state')).toHaveText('FAILED');
  await expect(rows.first().locator('.state')).toHaveCSS('color', 'rgb(252, 165, 165)');

  // A fresh page from the share link shows the same moment of the same run.
  const link = await page.getByTestId('share-link').inputValue();
  const fresh = await context.newPage();
  const freshErrors = collectErrors(fresh);
  await fresh.goto(link);
  await expect(fresh.getByTestId('timeline-cursor')).toHaveText('2024-01-16T00:00:00Z');
  await expect(fresh.getByTestId('job-counts')).toContainText('3 backup jobs: COMPLETED 2, FAILED 1');
  await expect(fresh.getByTestId('event-pattern')).toHaveValue(/"FAILED"/);
  await expect(fresh.getByTestId('timeline').locator('[data-state="FAILED"]')).toHaveCount(1);
  const freshRows = fresh.getByTestId('event-log').locator('li.event');
  await expect(freshRows).toHaveCount(1);
  expect(await freshRows.first().innerText()).toBe(await rows.first().innerText());
  expect(errors).toEqual([]);
  expect(freshErrors).toEqual([]);
});

test('the architecture lights the arrows of the jobs running at the moment shown', { tag: '@readme' }, async ({ page }) => {
  const errors = collectErrors(page);
  // 02:10 on the first night: the three backups are running.
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-15T02:10:00Z');
  const architecture = page.getByTestId('architecture-diagram');
  await expect(architecture.locator('.flow.backup.active')).toHaveCount(3);
  await expect(architecture.locator('.resource.active')).toHaveCount(3);
  // By noon every job of the night has ended: nothing glows.
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-15T12:00:00Z');
  await expect(architecture.locator('.flow.backup')).toHaveCount(3);
  await expect(architecture.locator('.flow.active')).toHaveCount(0);
  await page.getByTestId('architecture-diagram').scrollIntoViewIfNeeded();
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-15T02:40:00Z');
  await architecture.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('architecture.png') });
  expect(errors).toEqual([]);
});

test('play moves simulated time on at the chosen speed until paused', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await page.getByTestId('timeline-speed').selectOption({ label: '1 week a second' });
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-pressed', 'true');
  // A screen reader is not told the time ten times a second while it plays.
  await expect(page.getByTestId('timeline-cursor')).toHaveAttribute('aria-live', 'off');
  // A week a second: within a few seconds, past the first few nights.
  await expect(page.getByTestId('timeline-cursor')).not.toHaveText(/^2024-01-1[56]T/);
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('timeline-cursor')).toHaveAttribute('aria-live', 'polite');
  const paused = await page.getByTestId('timeline-cursor').innerText();
  await page.waitForTimeout(400);
  await expect(page.getByTestId('timeline-cursor')).toHaveText(paused);
  await expect(page.getByTestId('job-counts')).toContainText('COMPLETED');
  expect(errors).toEqual([]);
});

test('the timeline zooms from the last day to the whole run', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-17T12:00:00Z');
  const backups = page.getByTestId('timeline').locator('[data-testid="job-bar"][data-kind="backup"]');
  await page.getByTestId('timeline-zoom').selectOption({ label: 'the whole run' });
  await expect(backups).toHaveCount(9);
  await page.getByTestId('timeline-zoom').selectOption({ label: 'a day' });
  await expect(backups).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('the inspector shows a vault\'s points, a resource\'s points in every vault and a job\'s states', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-16T12:00:00Z');
  const inspector = page.getByTestId('inspector');
  await page.getByTestId('arch-vault-dr-vault').click();
  await expect(inspector.getByTestId('inspector-title')).toHaveText('Vault dr-vault');
  await expect(inspector.getByTestId('inspector-points').locator('tbody tr')).toHaveCount(6);
  await expect(inspector).toContainText('No vault lock');
  // The corrupted database: its points in both vaults, and its recovery objectives.
  await page.getByTestId('arch-resource-app-db (RDS MySQL)').click();
  await expect(inspector.getByTestId('inspector-title')).toHaveText('app-db (RDS MySQL)');
  await expect(inspector.getByTestId('inspector-points').locator('tbody tr')).toHaveCount(4);
  await expect(inspector).toContainText('Corrupted at 2024-01-16T09:00:00Z: RPO 420 min');
  // A job picked on the timeline: its states with their times.
  await page.getByTestId('timeline').locator('[data-testid="job-bar"][data-kind="restore"]').click();
  await expect(inspector.getByTestId('inspector-title')).toContainText('restore job');
  await expect(inspector.locator('.history li')).toHaveCount(4);
  await expect(inspector.locator('.history')).toContainText('COMPLETED');
  expect(errors).toEqual([]);
});

test('a corruption injected now taints later points, and the inspector says nothing clean is left', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await page.getByTestId('fault-resource').selectOption({ label: 'web-server' });
  await page.getByTestId('inject-corruption').click();
  await expect(page.getByTestId('injected-faults')).toContainText('web-server');
  await expect(page.getByTestId('injected-faults')).toContainText('corrupted at 2024-01-15T00:00:00Z');
  await page.getByTestId('advance-day').click();
  await page.getByTestId('arch-resource-web-server').click();
  await expect(page.getByTestId('inspector')).toContainText('Corrupted at 2024-01-15T00:00:00Z: no clean recovery point');
  // The share link carries the corruption.
  expect(new URL(page.url()).searchParams.get('fail')).toContain('corrupt=arn:aws:ec2:');
  expect(errors).toEqual([]);
});

test('a Region taken down now fails the copies into it until it is back', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await page.getByTestId('fault-region').selectOption('eu-west-1');
  await page.getByTestId('inject-outage').click();
  await expect(page.getByTestId('injected-faults')).toContainText('AWS Backup down in eu-west-1 from 2024-01-15T00:00:00Z for 6 hours');
  await page.getByTestId('advance-day').click();
  await expect(page.getByTestId('job-counts')).toContainText('3 copy jobs: FAILED 3');
  // The next night, after the outage, the copies complete.
  await page.getByTestId('advance-day').click();
  await expect(page.getByTestId('job-counts')).toContainText('6 copy jobs: COMPLETED 3, FAILED 3');
  expect(new URL(page.url()).searchParams.get('fail')).toBe('outage=eu-west-1@2024-01-15T00:00:00Z');
  expect(errors).toEqual([]);
});

test("the inspector shows a resource's row of AWS's feature table, its assumptions and where the guide differs", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await page.getByTestId('arch-resource-web-server').click();
  const features = page.getByTestId('inspector-features');
  await features.locator('summary').click();
  await expect(features).toContainText("What AWS Backup does for EC2 (AMI) (AWS's feature table)");
  // AWS's table has no cold-storage mark for EC2; the guide gives it one, and the page says so.
  await expect(features.locator('ul.features li', { hasText: 'Cold storage' })).toContainText('no');
  await expect(features).toContainText("The guide gives EC2 cold storage; AWS's table has no cold-storage mark for EC2");
  // The RDS instance: continuous yes (AWS says so); full management is not settled by AWS's text.
  await page.getByTestId('arch-resource-app-db (RDS MySQL)').click();
  await features.locator('summary').click();
  await expect(features.locator('ul.features li', { hasText: 'Continuous / PITR' })).toContainText('yes');
  const management = features.locator('ul.features li', { hasText: 'Full management' });
  await expect(management).toContainText('no');
  await expect(management.locator('.badge.assumption')).toHaveText('assumption');
  expect(errors).toEqual([]);
});

test('while time plays the log keeps showing the newest events, and pausing leaves the same log as a fresh page at that moment', async ({ page, context }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  const rows = page.getByTestId('event-log').locator('li.event');
  await page.getByTestId('timeline-speed').selectOption({ label: '1 week a second' });
  await page.getByTestId('timeline-play').click();
  // New nights' events arrive while it plays: the newest row is of a later day each time.
  await expect(rows.last().locator('time')).toHaveText(/^2024-01-2\dT/);
  await expect(rows.last().locator('time')).toHaveText(/^2024-0[2-9]-/, { timeout: 20_000 });
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-pressed', 'false');
  const moment = await page.getByTestId('timeline-cursor').innerText();
  // Pausing writes the moment into the share link at once.
  const link = await page.getByTestId('share-link').inputValue();
  expect(new URL(link).searchParams.get('at')).toBe(moment);
  expect(new URL(page.url()).searchParams.get('at')).toBe(moment);
  // The log built a few events at a time while playing is the log a fresh page draws at once.
  await expect(rows).toHaveCount(200);
  const played = await rows.locator('summary').allInnerTexts();
  const fresh = await context.newPage();
  const freshErrors = collectErrors(fresh);
  await fresh.goto(link);
  await expect(fresh.getByTestId('timeline-cursor')).toHaveText(moment);
  const freshRows = fresh.getByTestId('event-log').locator('li.event');
  await expect(freshRows).toHaveCount(200);
  expect(await freshRows.locator('summary').allInnerTexts()).toEqual(played);
  expect(errors).toEqual([]);
  expect(freshErrors).toEqual([]);
});
