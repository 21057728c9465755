import { test, expect } from '@playwright/test';
import { collectErrors } from './page-errors';
import * as fs from 'fs';
import * as path from 'path';

// The page reads time zones from the browser's Intl API; the CLI from chrono-tz's tables. The same
// vectors file is checked natively (crates/core/tests/timezone_runs.rs) and here, through the
// schedule playground, so both give the same runs.
const CORE = path.resolve(__dirname, '../../crates/core');
const file = JSON.parse(fs.readFileSync(path.join(CORE, 'tests/data/timezone-runs.json'), 'utf8'));

type Run = { utc: string; local: string };
type Vector = { zone: string; expression: string; after: string; why: string; runs: Run[] };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// "2024-03-10T02:30" as the playground writes a wall-clock time: "Sun 10 Mar 2024, 02:30".
function shown(local: string): string {
  const [date, time] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const weekday = DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${String(d).padStart(2, '0')} ${MONTHS[m - 1]} ${y}, ${time}`;
}

for (const v of file.vectors as Vector[]) {
  test(`${v.zone} ${v.expression} after ${v.after}: ${v.why}`, async ({ page }) => {
    const errors = collectErrors(page);
    const query = new URLSearchParams({ expr: v.expression, tz: v.zone, after: v.after });
    await page.goto(`/?${query}`);
    const runs = page.getByTestId('schedule-next-runs').locator('li');
    await expect(runs).toHaveCount(10);
    await expect(page.getByTestId('schedule-error')).toHaveCount(0);
    for (const [i, run] of v.runs.entries()) {
      await expect(runs.nth(i).locator('.utc')).toHaveText(run.utc);
      await expect(runs.nth(i).locator('.local')).toHaveText(shown(run.local));
    }
    expect(errors).toEqual([]);
  });
}

test('the page accepts every IANA name the CLI accepts', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const source = fs.readFileSync(path.join(CORE, 'src/schedule/iana_names.rs'), 'utf8');
  const names = [...source.matchAll(/^\s+"([^"]+)",$/gm)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(500);

  await page.goto('/?after=2024-01-15T00:00');
  // The picker offers exactly the core's names.
  const offered = await page.locator('#timezones option').evaluateAll((options) =>
    options.map((o) => (o as HTMLOptionElement).value),
  );
  expect(offered).toEqual(names);

  // Each name typed into the time zone field, as a person would, shows runs and no error.
  const refused = await page.evaluate(async (all: string[]) => {
    const input = document.querySelector('[data-testid=schedule-timezone]') as HTMLInputElement;
    const out: string[] = [];
    for (const name of all) {
      input.value = name;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (document.querySelector('[data-testid=schedule-error]')) out.push(name);
    }
    return out;
  }, names);
  expect(refused).toEqual([]);

  // And a misspelt one is still refused with the nearest name.
  await page.getByTestId('schedule-timezone').fill('Asia/Kolkatta');
  await expect(page.getByTestId('schedule-error')).toContainText('did you mean Asia/Kolkata?');
  expect(errors).toEqual([]);
});
