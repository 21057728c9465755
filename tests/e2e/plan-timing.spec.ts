import { test, expect } from '@playwright/test';
import { GUIDE_PLAN, bigPlan, measureEdits } from './plan-helpers';

// How long an edit takes, from the input event to the page laid out again: printed figures, not
// pass/fail thresholds (a loaded 2-core CI machine would make a time limit flaky). The figures
// are in the test output; the README quotes them. Tracing records the page as it changes, so it
// is off here: it would be measured along with the page.
test.use({ trace: 'off' });

test('measures an edit of the guide plan, checked and drawn', async ({ page }) => {
  await page.goto('/?panel=plan');
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(2);
  const broken = GUIDE_PLAN.replace('"StartWindowMinutes":   60', '"StartWindowMinutes":   30');
  const t = await measureEdits(page, [broken, GUIDE_PLAN], ['1 error', '0 errors'], 80);
  console.log(
    `guide plan (43 lines): check + render per edit: min ${t.min.toFixed(1)} ms, median ${t.median.toFixed(1)} ms, p90 ${t.p90.toFixed(1)} ms`,
  );
  await expect(page.getByTestId('plan-editor')).toHaveValue(GUIDE_PLAN);
});

test('measures an edit of a 2000-line plan', async ({ page }) => {
  await page.goto('/?panel=plan');
  const { big, rules, lines } = bigPlan();
  const bad = rules.filter((r) => r.StartWindowMinutes < 60).length;
  const t = await measureEdits(
    page,
    [big, big.replace('"StartWindowMinutes": 60', '"StartWindowMinutes": 59')],
    [`${bad} errors`, `${bad + 1} errors`],
    12,
  );
  console.log(
    `${lines}-line plan (85 rules): check + render per edit: min ${t.min.toFixed(1)} ms, median ${t.median.toFixed(1)} ms, p90 ${t.p90.toFixed(1)} ms`,
  );
  await expect(page.getByTestId('plan-rule-card')).toHaveCount(85);
});
