import { test, expect, Page } from '@playwright/test';
import { collectErrors } from './page-errors';
import { CLOUDFORMATION_YAML, GUIDE_PLAN, bigPlan, paste } from './plan-helpers';

import { screenshotPath } from './screenshots';

// The plan editor, used as a person would: pasting, typing, clicking diagnostics, reloading.
// Each test starts in a fresh browser context, so local storage is empty: a first visit.

// Two mistakes at known lines: a // comment (line 7, with non-ASCII text, so byte and UTF-16
// offsets differ after it) and a start window under 60 minutes (line 8, column 29).
const INVALID_PLAN = `{
  "BackupPlanName": "broken-plan",
  "Rules": [
    {
      "RuleName": "Daily",
      "TargetBackupVaultName": "prod-vault",
      // start sooner — ≤ 30 min 😀
      "StartWindowMinutes": 30
    }
  ]
}
`;

const FIXED_PLAN = `{
  "BackupPlanName": "broken-plan",
  "Rules": [
    {
      "RuleName": "Daily",
      "TargetBackupVaultName": "prod-vault",
      "StartWindowMinutes": 60
    }
  ]
}
`;

// Pasting goes through the clipboard, as a person's paste does.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/**
 * Where the textarea itself draws the character at `offset` (UTF-16), in page pixels: a clone of
 * the textarea, holding the line up to that character, is as wide as the textarea lays it out
 * (tabs and fallback fonts included). The ground truth the editor's marks must match.
 */
async function textareaX(page: Page, offset: number): Promise<number> {
  return page.getByTestId('plan-editor').evaluate((el: HTMLTextAreaElement, at: number) => {
    const width = (text: string) => {
      const clone = el.cloneNode() as HTMLTextAreaElement;
      clone.style.width = '10px';
      clone.value = text;
      el.parentElement!.appendChild(clone);
      const w = clone.scrollWidth;
      clone.remove();
      return w;
    };
    const prefix = el.value.slice(el.value.lastIndexOf('\n', at - 1) + 1, at);
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    // A long enough tail that both clones overflow (a short text is as wide as the padding).
    const tail = 'x'.repeat(20);
    return rect.left + parseFloat(style.paddingLeft) + (width(prefix + tail) - width(tail)) - el.scrollLeft;
  }, offset);
}

function diagnostics(page: Page) {
  return page.getByTestId('plan-diagnostic');
}

function marker(page: Page, line: number) {
  return page.locator(`[data-testid="plan-gutter-marker"][data-line="${line}"]`);
}

test('the guide plan loads on a first visit with its form, no errors and a card per rule', async ({ page }) => {
  const errors = collectErrors(page);
  // "Now" for the next runs: the page reads the browser's clock.
  await page.clock.setFixedTime(new Date('2024-01-15T00:00:00Z'));
  await page.goto('/?panel=plan');
  await expect(page.getByTestId('plan-editor')).toHaveValue(GUIDE_PLAN);
  await expect(page.getByTestId('plan-form')).toHaveText("backup plan with Selections (the guide's form)");
  await expect(page.getByTestId('plan-counts')).toContainText('0 errors');
  await expect(page.getByTestId('plan-counts')).toContainText('AWS would accept it');
  // The guide's placeholders (DR_ACCOUNT_ID, ACCOUNT) are warned about, at their lines.
  await expect(diagnostics(page).filter({ hasText: 'arn-account-placeholder' })).toHaveCount(2);
  await expect(marker(page, 16)).toHaveAttribute('data-severity', 'warning');

  const cards = page.getByTestId('plan-rule-card');
  await expect(cards).toHaveCount(2);
  const daily = cards.nth(0);
  await expect(daily).toContainText('DailyToUsEast1');
  await expect(daily).toContainText('prod-primary-vault');
  await expect(daily.getByTestId('plan-rule-schedule')).toContainText('At 02:00, every day (UTC)');
  await expect(daily.locator('.rule-runs li')).toHaveText([
    'Mon 15 Jan 2024, 02:00 UTC',
    'Tue 16 Jan 2024, 02:00 UTC',
    'Wed 17 Jan 2024, 02:00 UTC',
  ]);
  await expect(daily).toContainText('start within 1 h, complete within 3 h');
  await expect(daily).toContainText('warm for 30 days, cold storage until day 365, then deleted');
  await expect(daily.locator('.copy-destination')).toContainText('dr-vault');
  await expect(daily.locator('.copy-destination')).toContainText('eu-west-1');
  await expect(daily.locator('.copy-destination')).toContainText('DR_ACCOUNT_ID');
  await expect(daily.locator('.copy')).toContainText('kept 90 days, then deleted');
  const weekly = cards.nth(1);
  await expect(weekly.getByTestId('plan-rule-schedule')).toContainText('At 03:00, on Sunday (UTC)');
  await expect(weekly.locator('.rule-runs li').first()).toHaveText('Sun 21 Jan 2024, 03:00 UTC');
  await expect(weekly.locator('.rule-runs time').first()).toHaveAttribute('datetime', '2024-01-21T03:00:00Z');
  // The weekly rule leaves its windows out: AWS's defaults, marked as such.
  await expect(weekly).toContainText('start within 8 h, complete within 7 d');
  await expect(weekly.locator('.window.default')).toHaveCount(2);
  await expect(weekly).toContainText('kept 1825 days (5 years), then deleted');
  await expect(page.locator('.selections')).toContainText('all-tagged-resources');
  expect(errors).toEqual([]);
});

test('a pasted invalid plan shows its diagnostics at the right lines; fixing it clears them; a reload keeps the text', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=plan');
  await paste(page, INVALID_PLAN);

  await expect(page.getByTestId('plan-counts')).toContainText('2 errors');
  await expect(diagnostics(page)).toHaveCount(2);
  const comment = diagnostics(page).nth(0);
  await expect(comment).toContainText('json-comment');
  await expect(comment).toContainText('7:7');
  await expect(comment).toContainText('JSON has no comments');
  const window = diagnostics(page).nth(1);
  await expect(window).toContainText('start-window-too-short');
  await expect(window).toContainText('8:29');
  await expect(window).toContainText('the start window must be at least 60 minutes');
  await expect(window).toContainText('help:');
  // The gutter marks exactly those lines, and the backdrop marks the offending text.
  await expect(page.getByTestId('plan-gutter-marker')).toHaveCount(2);
  await expect(marker(page, 7)).toHaveAttribute('data-severity', 'error');
  await expect(marker(page, 8)).toHaveAttribute('data-severity', 'error');
  await expect(page.locator('.mark-line mark.error')).toHaveText(['// start sooner — ≤ 30 min 😀', '30']);
  await expect(page.getByTestId('plan-editor')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('plan-counts')).toContainText('AWS would refuse it');

  await paste(page, FIXED_PLAN);
  await expect(diagnostics(page)).toHaveCount(0);
  await expect(page.getByTestId('plan-gutter-marker')).toHaveCount(0);
  await expect(page.getByTestId('plan-counts')).toContainText('0 errors');
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(1);
  await expect(page.getByTestId('plan-rule-card')).toContainText('start within 1 h');

  await page.reload();
  await expect(page.getByTestId('plan-editor')).toHaveValue(FIXED_PLAN);
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('choosing a diagnostic selects its span in the editor, counted in UTF-16 as the textarea does', async ({ page }) => {
  await page.goto('/?panel=plan');
  await paste(page, INVALID_PLAN);
  await diagnostics(page).filter({ hasText: 'start-window-too-short' }).click();
  const selection = await page.getByTestId('plan-editor').evaluate((el: HTMLTextAreaElement) => ({
    start: el.selectionStart,
    end: el.selectionEnd,
    focused: document.activeElement === el,
    selected: el.value.slice(el.selectionStart, el.selectionEnd),
  }));
  const at = INVALID_PLAN.indexOf(': 30') + 2;
  expect(selection).toEqual({ start: at, end: at + 2, focused: true, selected: '30' });

  // The list is usable from the keyboard: each item is a button.
  const comment = diagnostics(page).filter({ hasText: 'json-comment' }).getByRole('button');
  await comment.focus();
  await page.keyboard.press('Enter');
  const selected = await page
    .getByTestId('plan-editor')
    .evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe('// start sooner — ≤ 30 min 😀');

  // A marker in the gutter selects its line's finding too.
  await marker(page, 8).click();
  const fromGutter = await page
    .getByTestId('plan-editor')
    .evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(fromGutter).toBe('30');
});

test('a diagnostic far down and far right is scrolled into view, and the marks stay on their text', async ({ page }) => {
  await page.goto('/?panel=plan');
  const filler = Array.from({ length: 120 }, (_, i) => `      "Tag${i}": "value ${i}",`).join('\n');
  const long = 'x'.repeat(180);
  const text = `{
  "BackupPlanName": "long-plan",
  "Rules": [
    {
      "RuleName": "Daily",
      "TargetBackupVaultName": "prod-vault",
      "RecoveryPointTags": {
${filler}
        "Last": "end"
      },
      "CompletionWindowMinutes": 600, "Note": "${long}", "StartWindowMinutes": 30
    }
  ]
}
`;
  await paste(page, text);
  const before = text.slice(0, text.indexOf('"StartWindowMinutes": 30') + '"StartWindowMinutes": '.length);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const item = diagnostics(page).filter({ hasText: 'start-window-too-short' });
  await expect(item).toContainText(`${line}:${column}`);
  await item.click();

  const editor = page.getByTestId('plan-editor');
  const scroll = await editor.evaluate((el: HTMLTextAreaElement) => [el.scrollTop, el.scrollLeft]);
  expect(scroll[0]).toBeGreaterThan(1000);
  expect(scroll[1]).toBeGreaterThan(100);
  // The mark under "30" is inside the visible editor, on the same row as its gutter marker.
  const box = (await editor.boundingBox())!;
  const mark = (await page.locator('.mark-line mark.error', { hasText: /^30$/ }).boundingBox())!;
  expect(mark.x).toBeGreaterThan(box.x);
  expect(mark.x + mark.width).toBeLessThan(box.x + box.width);
  expect(mark.y).toBeGreaterThan(box.y);
  expect(mark.y + mark.height).toBeLessThan(box.y + box.height);
  const dot = (await marker(page, line).boundingBox())!;
  expect(Math.abs(dot.y + dot.height / 2 - (mark.y + mark.height / 2))).toBeLessThan(4);
  // The mark is exactly under the selected characters: the caret metrics of both layers agree.
  const caretX = await textareaX(page, text.indexOf('"StartWindowMinutes": 30') + '"StartWindowMinutes": '.length);
  expect(Math.abs(mark.x - caretX)).toBeLessThan(1.5);
  await page.screenshot({ path: test.info().outputPath('scrolled.png') });
});

test('tabs and wide characters do not move a mark off its text', async ({ page }) => {
  await page.goto('/?panel=plan');
  const text = '{\n\t"BackupPlanName": "p",\n\t"Rules": [{\t"RuleName": "日本語-😀", "TargetBackupVaultName": "vault",\t"StartWindowMinutes":\t30 }]\n}\n';
  await paste(page, text);
  const mark = page.locator('.mark-line mark.error', { hasText: /^30$/ });
  await expect(mark).toHaveCount(1);
  const box = (await mark.boundingBox())!;
  const expected = await textareaX(page, text.indexOf('\t30') + 1);
  expect(Math.abs(box.x - expected)).toBeLessThan(1.5);
});

test('each template loads, replaces the text, and AWS would accept it', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=plan');
  const counts = page.getByTestId('plan-counts');
  const cards = page.getByTestId('plan-rule-card');

  await page.getByRole('button', { name: 'Minimal plan' }).click();
  await expect(page.getByTestId('plan-form')).toHaveText('backup plan (create-backup-plan --backup-plan)');
  await expect(counts).toContainText('0 errors');
  await expect(counts).toContainText('0 warnings');
  await expect(cards).toHaveCount(1);
  // Everything but the name and vault is AWS's default, and the card says what it is.
  await expect(cards.getByTestId('plan-rule-schedule')).toContainText('At 05:00, every day (UTC)');
  await expect(cards).toContainText('start within 8 h, complete within 7 d');
  await expect(cards).toContainText('kept indefinitely');

  await page.getByRole('button', { name: 'Continuous backup' }).click();
  await expect(counts).toContainText('0 errors');
  await expect(counts).toContainText('0 warnings');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0).locator('.badge.continuous')).toBeVisible();
  await expect(cards.nth(0)).toContainText('point-in-time recovery for the last 35 days');
  await expect(cards.nth(1).getByTestId('plan-rule-schedule')).toContainText('At 03:00, every day (America/New_York)');

  await page.getByRole('button', { name: 'Compliance plan' }).click();
  await expect(counts).toContainText('0 errors');
  await expect(counts).toContainText('0 warnings');
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(2)).toContainText('Yearly7Years');
  await expect(cards.nth(2)).toContainText('warm for 90 days, cold storage until day 2555, then deleted');
  await expect(cards.nth(2).locator('.copy-destination')).toContainText('dr-compliance-vault');
  await expect(cards.nth(2).locator('.copy-destination')).toContainText('eu-central-1');
  await expect(cards.nth(2).locator('.copy-destination')).toContainText('444455556666');

  await page.getByRole('button', { name: "The guide's plan" }).click();
  await expect(page.getByTestId('plan-editor')).toHaveValue(GUIDE_PLAN);
  await expect(counts).toContainText('0 errors');
  expect(errors).toEqual([]);
});

test('a template replaces the text in one step that can be taken back, even after a reload', async ({ page }) => {
  await page.goto('/?panel=plan');
  await paste(page, FIXED_PLAN);
  await page.getByRole('button', { name: 'Compliance plan' }).click();
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(3);
  // Another template keeps the user's own text as the one to go back to.
  await page.getByRole('button', { name: 'Minimal plan' }).click();
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(1);
  // Even a reload does not lose it.
  await page.reload();
  await expect(page.getByTestId('plan-restore')).toContainText('Restore the text before “Compliance plan”');
  await page.getByTestId('plan-restore').click();
  await expect(page.getByTestId('plan-editor')).toHaveValue(FIXED_PLAN);
  await expect(page.getByTestId('plan-restore')).toHaveCount(0);

  // The browser's own undo takes a template back too.
  await page.getByRole('button', { name: 'Minimal plan' }).click();
  await expect(page.getByTestId('plan-rule-card')).toContainText('DailyWithDefaults');
  await page.getByTestId('plan-editor').focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.getByTestId('plan-editor')).toHaveValue(FIXED_PLAN);
  await expect(page.getByTestId('plan-rule-card')).toContainText('Daily');
});

test('a CloudFormation template in YAML is read too, its functions shown as written', async ({ page }) => {
  await page.goto('/?panel=plan');
  await paste(page, CLOUDFORMATION_YAML);
  await expect(page.getByTestId('plan-form')).toHaveText('CloudFormation template (YAML)');
  await expect(page.getByTestId('plan-counts')).toContainText('0 errors');
  const cards = page.getByTestId('plan-rule-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toContainText('into vault !Ref PrimaryVault');
  await expect(cards.nth(0).locator('.copy-destination').nth(1)).toContainText('dr-vault');
  await expect(cards.nth(0).locator('.copy-destination').nth(1)).toContainText('eu-west-1');
  // CloudFormation converts "1825" to a number; so does the card.
  await expect(cards.nth(1)).toContainText('kept 1825 days (5 years), then deleted');
  await expect(page.locator('.selections')).toContainText('all-tagged-resources');
});

test('the effective plan fills in AWS defaults and can be copied', async ({ page }) => {
  await page.goto('/?panel=plan');
  await page.getByRole('button', { name: 'Minimal plan' }).click();
  const effective = page.getByTestId('plan-effective');
  await effective.locator('summary').click();
  // The effective plan follows the template: wait for it before reading it.
  const pre = effective.locator('pre');
  await expect(pre).toContainText('"DailyWithDefaults"');
  const json = JSON.parse(await pre.innerText());
  expect(json.Rules[0]).toEqual({
    RuleName: 'DailyWithDefaults',
    TargetBackupVaultName: 'Default',
    ScheduleExpression: 'cron(0 5 ? * * *)',
    StartWindowMinutes: 480,
    CompletionWindowMinutes: 10080,
    ScheduleExpressionTimezone: 'Etc/UTC',
  });
  await page.getByTestId('plan-copy-effective').click();
  await expect(effective).toContainText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toEqual(json);
});

test('garbage and a huge paste never break the page, and a half-typed plan keeps the last cards', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=plan');
  const counts = page.getByTestId('plan-counts');
  const form = page.getByTestId('plan-form');
  for (const text of ['', 'hello world', '{', '}}}]]]', '{"Rules": [1, "x", {}, []]}', '\u0000\u0001\t\t\u00e9\u2603\ud83d\ude00', '[' + '['.repeat(3000)]) {
    await paste(page, text);
    await expect(counts).toContainText('error');
  }
  await expect(form).toContainText('Not a plan yet');

  // Half-typed: the cards of the last readable plan stay, marked as such.
  await paste(page, FIXED_PLAN);
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(1);
  await paste(page, FIXED_PLAN.slice(0, 120));
  await expect(page.getByText('Showing the last readable version')).toBeVisible();
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(1);

  // About 2000 lines of random text, then a 2000-line plan of 85 rules.
  const junk = Array.from({ length: 2000 }, (_, i) => `${i} ${Math.random().toString(36).repeat(3)} {[":,`).join('\n');
  await paste(page, junk);
  await expect(counts).toContainText('error');
  const { big, rules, lines } = bigPlan();
  expect(lines).toBeGreaterThan(1900);
  const bad = rules.filter((r) => r.StartWindowMinutes < 60).length;
  await paste(page, big);
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(85);
  await expect(counts).toContainText(`${bad} errors`);
  const lastBad = big.slice(0, big.lastIndexOf('"StartWindowMinutes": 30')).split('\n').length;
  expect(lastBad).toBeGreaterThan(1900);
  await expect(marker(page, lastBad)).toHaveAttribute('data-severity', 'error');
  // Still responsive: an edit at the end is checked at once.
  await page.getByTestId('plan-editor').press('ControlOrMeta+End');
  await page.keyboard.type('x');
  await expect(counts).toContainText(`${bad + 1} errors`);
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(85);
  await paste(page, FIXED_PLAN);
  await expect(counts).toContainText('0 errors');
  expect(errors).toEqual([]);
});

test('a plan of many rules draws its first hundred cards, and a hundred more each time they are asked for', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=plan');
  // 1,500 rules on one line (about 140 KB): checked in a task after the paste's.
  const rules = Array.from({ length: 1500 }, (_, i) => ({
    RuleName: `Rule${i}`,
    TargetBackupVaultName: 'prod-vault',
    ScheduleExpression: `cron(${i % 60} ${i % 24} * * ? *)`,
    StartWindowMinutes: i % 2 === 0 ? 30 : 60,
    CompletionWindowMinutes: 600,
  }));
  await paste(page, JSON.stringify({ BackupPlanName: 'many-rules', Rules: rules }));
  await expect(page.getByTestId('plan-counts')).toContainText('750 errors');
  await expect(page.locator('#rules-title')).toHaveText('1500 rules in many-rules');
  const cards = page.getByTestId('plan-rule-card');
  await expect(cards).toHaveCount(100);
  const more = page.getByTestId('plan-rules-more');
  await expect(more).toHaveText('Show 100 more');
  await more.click();
  await expect(cards).toHaveCount(200);
  await expect(cards.last().locator('.rule-name')).toHaveText('Rule199');
  // Only 300 findings are listed; the rest are counted.
  await expect(diagnostics(page)).toHaveCount(300);
  await expect(page.getByText('and 450 more')).toBeVisible();
  // An edit to a short plan is checked at once again.
  await paste(page, FIXED_PLAN);
  await expect(page.getByTestId('plan-counts')).toContainText('0 errors');
  await expect(cards).toHaveCount(1);
  await expect(more).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('screenshot of the plan editor for the README', { tag: '@readme' }, async ({ page }) => {
  await page.clock.setFixedTime(new Date('2024-01-15T00:00:00Z'));
  await page.goto('/?panel=plan');
  await paste(page, GUIDE_PLAN.replace('"StartWindowMinutes":   60', '"StartWindowMinutes":   30'));
  await expect(marker(page, 8)).toHaveAttribute('data-severity', 'error');
  await page.getByTestId('plan-editor').evaluate((el: HTMLTextAreaElement) => {
    el.setSelectionRange(0, 0);
    el.scrollTop = 0;
    el.blur();
  });
  await page.screenshot({ path: screenshotPath('plan-editor.png') });
  // The rule cards of the compliance template, below the editor.
  await page.getByRole('button', { name: 'Compliance plan' }).click();
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(3);
  await page.locator('.section-head').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: screenshotPath('plan-rules.png') });
});
