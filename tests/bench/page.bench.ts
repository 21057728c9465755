// What the page costs a visitor, measured in headless Chromium: the engine's speed in the page
// against the native CLI, the longest main-thread task, the frame rate while playing, and the
// longest task when a large plan is pasted. Printed as `bench: NAME = VALUE` lines that
// `cargo xtask bench-page` collects; nothing here is a pass/fail threshold.
import { expect, Page, test } from '@playwright/test';
import { paste } from '../e2e/plan-helpers';

/** Starts recording main-thread tasks over 50 ms (the Long Tasks API). */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    (window as any).longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as any).longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

async function longestTask(page: Page): Promise<number> {
  const tasks: number[] = await page.evaluate(() => (window as any).longTasks);
  return Math.round(Math.max(0, ...tasks));
}

function report(name: string, value: number | string) {
  console.log(`bench: ${name} = ${value}`);
}

test('fleet-10k, 90 simulated days in the page', async ({ page }) => {
  await page.goto('/?panel=simulate&scenario=fleet-10k');
  await expect(page.getByTestId('timeline-cursor')).toHaveText('2024-01-01T00:00:00Z');
  await watchLongTasks(page);
  await page.getByTestId('timeline-jump').fill('2024-03-31T00:00:00');
  const started = await page.evaluate(() => performance.now());
  await page.getByTestId('timeline-go').click();
  await expect(page.getByTestId('timeline-cursor')).toHaveText('2024-03-31T00:00:00Z', { timeout: 300_000 });
  const took = (await page.evaluate(() => performance.now())) - started;
  report('fleet-10k-90d-page-ms', Math.round(took));
  report('fleet-10k-90d-longest-task-ms', await longestTask(page));
});

test('the guide scenario played at the fastest speed', async ({ page }) => {
  await page.goto('/?panel=simulate&scenario=three-tier-web-app');
  await expect(page.getByTestId('timeline-cursor')).toBeVisible();
  const speeds = page.getByTestId('timeline-speed').locator('option');
  await page.getByTestId('timeline-speed').selectOption({ index: (await speeds.count()) - 1 });
  await watchLongTasks(page);
  await page.getByTestId('timeline-play').click();
  // Frames drawn in three seconds of playing, counted with requestAnimationFrame.
  const frames: number[] = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const times: number[] = [];
        const tick = (t: number) => {
          times.push(t);
          if (t - times[0] < 3000) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
  );
  await page.getByTestId('timeline-play').click();
  const seconds = (frames[frames.length - 1] - frames[0]) / 1000;
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  report('play-fastest-fps', ((frames.length - 1) / seconds).toFixed(1));
  report('play-fastest-longest-frame-ms', Math.round(Math.max(...gaps)));
  report('play-fastest-longest-task-ms', await longestTask(page));
});

/** 4,000 rules written on one line (about 375 KB); with `findings`, every rule's start window is too short. */
function oneLinePlan(findings: boolean): string {
  const rules = Array.from({ length: 4000 }, (_, i) => ({
    RuleName: `Rule${i}`,
    TargetBackupVaultName: 'prod-vault',
    ScheduleExpression: `cron(${i % 60} ${i % 24} * * ? *)`,
    StartWindowMinutes: findings ? 30 : 60,
    CompletionWindowMinutes: 600,
    Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365 },
  }));
  return JSON.stringify({ BackupPlanName: 'big-plan', Rules: rules });
}

for (const findings of [false, true]) {
  const name = findings ? 'paste-4000-rules-with-findings' : 'paste-4000-rules';
  test(`pasting 4,000 rules on one line${findings ? ', each with a finding' : ''}`, async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
    await expect(page.getByTestId('plan-rule-card')).toHaveCount(2);
    await watchLongTasks(page);
    const text = oneLinePlan(findings);
    const started = await page.evaluate(() => performance.now());
    await paste(page, text);
    await expect(page.getByTestId('plan-counts')).toContainText(findings ? '4000 errors' : '0 errors', { timeout: 120_000 });
    const took = (await page.evaluate(() => performance.now())) - started;
    report(`${name}-ms`, Math.round(took));
    report(`${name}-longest-task-ms`, await longestTask(page));
  });
}
