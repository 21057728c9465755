import { expect, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { collectErrors } from './page-errors';
import { screenshotPath } from './screenshots';

// The Learn panel, used as a learner would: every built-in lesson solved from a fresh page by
// doing what its solution says (console commands typed, an event pattern written, a prediction
// made), each goal unmet until then; progress kept across a reload and carried by a file; a
// teacher's lesson opened from a link, and a malformed one explained.

const LESSONS = path.join(__dirname, '../../crates/core/lessons');

interface Step {
  Title: string;
  Predict?: { Question: string };
  Hints?: string[];
  Solution: { Console?: string; Pattern?: unknown; Plan?: unknown; Confirm?: boolean };
}
interface LessonDoc {
  Lesson: string;
  Title: string;
  Steps: Step[];
}

const builtins: LessonDoc[] = fs
  .readdirSync(LESSONS)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(LESSONS, f), 'utf8')));

const goal = (page: Page) => page.getByTestId('goal');
const consoleInput = (page: Page) => page.getByTestId('console-input');

async function openLesson(page: Page, id: string) {
  await page.goto('/?panel=learn');
  await page.locator(`.lesson-row[data-lesson="${id}"] a`).click();
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', id);
  await expect(page.getByTestId('console-run')).toBeEnabled();
}

/** Does a step as its solution says; the goal is checked by the caller. */
async function solve(page: Page, step: Step) {
  if (step.Solution.Plan !== undefined) {
    const plan = step.Solution.Plan;
    await page.getByTestId('lesson-plan').fill(typeof plan === 'string' ? plan : JSON.stringify(plan, null, 2));
  }
  if (step.Solution.Pattern !== undefined) {
    await page.getByTestId('event-pattern').fill(JSON.stringify(step.Solution.Pattern, null, 2));
  }
  if (step.Solution.Confirm) {
    // What the recipient does with the confirmation mail: in the Inbox.
    const confirm = page.getByTestId('inbox').getByTestId('inbox-confirm');
    await confirm.first().click();
    await expect(confirm).toHaveCount(0);
  }
  if (step.Solution.Console !== undefined) {
    await consoleInput(page).fill(step.Solution.Console);
    await consoleInput(page).press('Enter');
  }
}

for (const lesson of builtins) {
  test(`lesson ${lesson.Lesson} is solved from a fresh page, each goal unmet until its step is done`, async ({ page }) => {
    test.setTimeout(90_000);
    const errors = collectErrors(page);
    await openLesson(page, lesson.Lesson);
    for (const [i, step] of lesson.Steps.entries()) {
      const shown = page.getByTestId('lesson-step');
      await expect(shown.locator('h3')).toHaveText(`Step ${i + 1} of ${lesson.Steps.length}: ${step.Title}`);
      await expect(goal(page)).toHaveAttribute('data-met', 'false');

      if (step.Predict) {
        await page.getByTestId('predict-answer').fill('3');
        await page.getByTestId('predict').getByRole('button').click();
        await expect(page.getByTestId('predict-result')).toContainText('AWS answers', { timeout: 20_000 });
      }
      if (step.Hints?.length) {
        await page.getByTestId('show-hint').click();
        await expect(page.getByTestId('hint')).toHaveText([step.Hints[0]]);
      }
      await page.getByTestId('show-solution').click();
      await expect(page.getByTestId('solution')).toBeVisible();
      await solve(page, step);
      await expect(goal(page)).toHaveAttribute('data-met', 'true', { timeout: 30_000 });
      if (i + 1 < lesson.Steps.length) {
        await page.getByRole('link', { name: 'Next step →' }).click();
        await expect(page).toHaveURL(new RegExp(`step=${i + 2}`));
      }
    }
    if (lesson.Lesson === '06-restore-runbook') {
      await page.screenshot({ path: screenshotPath('lesson-restore-runbook.png') });
    }
    await page.getByTestId('all-lessons').click();
    await expect(page.locator(`.lesson-row[data-lesson="${lesson.Lesson}"]`).getByTestId('lesson-state')).toHaveText('solved');
    expect(errors).toEqual([]);
  });
}

test('the plan lesson shows the plan checker\'s three findings, and they go as the plan is mended', async ({ page }) => {
  await openLesson(page, '03-backup-plans');
  const findings = page.getByTestId('lesson-plan-findings').locator('.diagnostic.error');
  await expect(findings).toHaveCount(3);
  await expect(findings.locator('.diagnostic-code')).toHaveText(['schedule-day-fields', 'start-window-too-short', 'lifecycle-cold-minimum']);
  const plan = page.getByTestId('lesson-plan');
  await plan.fill((await plan.inputValue()).replace('"StartWindowMinutes": 30', '"StartWindowMinutes": 60'));
  await expect(findings).toHaveCount(2);
  await expect(goal(page)).toHaveAttribute('data-met', 'false');
  await expect(goal(page)).toContainText('2 errors AWS would reject');
});

test('the first lesson answers a prediction with what the simulated AWS says', async ({ page }) => {
  await openLesson(page, '00-start-here');
  await page.getByTestId('predict-answer').fill('3');
  await page.getByTestId('predict').getByRole('button').click();
  await expect(page.getByTestId('predict-result')).toHaveText('✓ Right. You said 3; AWS answers 3.', { timeout: 20_000 });
  await expect(page.getByTestId('timeline-cursor')).toHaveText('2024-01-15T06:00:00Z');
});

test('progress survives a reload, and goes out and back in as a file', async ({ page }) => {
  const id = '01-core-concepts';
  await openLesson(page, id);
  await consoleInput(page).fill('aws backup list-backup-vaults');
  await consoleInput(page).press('Enter');
  await expect(goal(page)).toHaveAttribute('data-met', 'true');
  await page.getByTestId('show-hint').click();

  // A reload keeps the step solved and the hint shown.
  await page.reload();
  await expect(page.locator('.lesson-step-link.solved')).toHaveCount(1);
  await expect(page.getByTestId('hint')).toHaveCount(1);
  // The learner comes back to the page with nothing in its URL: they land where they were.
  await page.goto('/');
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', id);

  await page.getByTestId('all-lessons').click();
  // The list marks where the learner left off.
  await expect(page.locator(`.lesson-row[data-lesson="${id}"]`)).toHaveClass(/here/);
  const state = page.locator(`.lesson-row[data-lesson="${id}"]`).getByTestId('lesson-state');
  await expect(state).toHaveText('1 of 3 steps solved');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-progress').click();
  const file = await (await download).path();
  const exported = fs.readFileSync(file, 'utf8');
  expect(JSON.parse(exported).Lessons[id].Solved).toEqual([0]);

  await page.getByRole('button', { name: 'Clear progress' }).click();
  await expect(state).toHaveText('not started');
  await page.getByTestId('import-progress').setInputFiles({
    name: 'vaultsim-progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await expect(state).toHaveText('1 of 3 steps solved');
  await page.reload();
  await expect(state).toHaveText('1 of 3 steps solved');

  // A file that is not progress is refused, saying why.
  await page.getByTestId('import-progress').setInputFiles({
    name: 'plan.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"BackupPlanName": "p"}'),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Not imported' })).toContainText('not vaultsim progress');
});

const HAND_WRITTEN = {
  Lesson: 'teacher-dr-copies',
  Title: 'Where the copies go',
  Section: 'A teacher’s lesson',
  Text: ['Copies of each point go to a second account in a second Region.'],
  Scenario: 'three-tier-web-app',
  At: '2024-01-15T06:00:00Z',
  Steps: [
    {
      Title: 'Count the copies',
      Text: 'How many copy jobs completed in the first night?',
      Goal: {
        Describe: 'List the completed copy jobs.',
        Check: { Ran: 'list-copy-jobs' },
      },
      Hints: ['aws backup list-copy-jobs --by-state COMPLETED'],
      Solution: { Console: 'aws backup list-copy-jobs --by-state COMPLETED' },
    },
  ],
};

test("a teacher's lesson opens from a link and is solved; a malformed one is explained where it is wrong", async ({ page }) => {
  await page.route('**/teacher/*.json', (route) => {
    const body = route.request().url().endsWith('good.json')
      ? JSON.stringify(HAND_WRITTEN, null, 2)
      : '{\n  "Lesson": "x",\n  "Title": "X",\n  "Scenario": "three-tier-webapp",\n  "Steps": []\n}';
    return route.fulfill({ contentType: 'application/json', body });
  });
  await page.goto('/?panel=learn&lesson-src=' + encodeURIComponent('/teacher/good.json'));
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'teacher-dr-copies');
  await expect(page.getByRole('heading', { name: 'Where the copies go' })).toBeVisible();
  await expect(goal(page)).toHaveAttribute('data-met', 'false');
  await expect(page.getByTestId('console-run')).toBeEnabled();
  await consoleInput(page).fill('aws backup list-copy-jobs --by-state COMPLETED');
  await consoleInput(page).press('Enter');
  await expect(goal(page)).toHaveAttribute('data-met', 'true');
  // The step's link keeps the lesson's source.
  await expect(page.locator('.lesson-step-link').first()).toHaveAttribute('href', /lesson-src=%2Fteacher%2Fgood\.json&step=1/);

  await page.goto('/?panel=learn&lesson-src=' + encodeURIComponent('/teacher/bad.json'));
  const unread = page.getByTestId('lesson-unread');
  await expect(unread).toContainText('lesson-scenario');
  await expect(unread).toContainText('there is no built-in scenario named "three-tier-webapp"');
  await expect(unread).toContainText('did you mean three-tier-web-app?');

  // A missing file says so.
  await page.route('**/teacher/missing.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/?panel=learn&lesson-src=' + encodeURIComponent('/teacher/missing.json'));
  await expect(unread).toContainText('answered 404');
});

test('a lesson file opened from disk runs, and stays after a reload', async ({ page }) => {
  await page.goto('/?panel=learn');
  await page.getByTestId('import-lesson').setInputFiles({
    name: 'lesson.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(HAND_WRITTEN)),
  });
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'teacher-dr-copies');
  await expect(page).toHaveURL(/lesson=teacher-dr-copies/);
  await page.reload();
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-lesson', 'teacher-dr-copies');
});

const STAGE_PARTS = ['.stage-player', '.stage-architecture', '.stage-timeline', '.stage-machine', '.stage-events'];

/** Every part of the stage lies wholly inside a 1440×900 window, as it is scrolled now. */
async function expectStageOnScreen(page: Page, within: string) {
  for (const part of STAGE_PARTS) {
    const box = await page.locator(`${within} ${part}`).boundingBox();
    expect(box, part).not.toBeNull();
    expect(box!.y, part).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, part).toBeLessThanOrEqual(900);
    expect(box!.x + box!.width, part).toBeLessThanOrEqual(1440);
  }
}

test('a lesson, its console and its live pictures fit one 1440×900 screen while time moves', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openLesson(page, '00-start-here');
  await consoleInput(page).fill('sleep 2h 20m');
  await consoleInput(page).press('Enter');
  await expect(page.getByTestId('timeline-cursor')).toHaveText('2024-01-15T02:20:00Z');
  // Typing in the console scrolled nothing away.
  await expect(consoleInput(page)).toBeInViewport();
  await expectStageOnScreen(page, '.lesson-stage');
  await page.screenshot({ path: screenshotPath('lesson.png') });
});

test('a long console answer scrolls inside the console and never widens the lesson text under the pictures', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openLesson(page, '00-start-here');
  await consoleInput(page).fill(`aws sns create-topic --name ${'t'.repeat(200)}`);
  await consoleInput(page).press('Enter');
  await expect(page.getByTestId('console-entry')).toHaveCount(1);
  const side = await page.locator('.lesson-side').boundingBox();
  const stage = await page.locator('.lesson-stage').boundingBox();
  for (const part of ['.lesson-text', '[data-testid="console"]']) {
    const box = await page.locator(part).first().boundingBox();
    expect(box!.x + box!.width, part).toBeLessThanOrEqual(side!.x + side!.width + 1);
    expect(box!.x + box!.width, part).toBeLessThanOrEqual(stage!.x);
  }
});

test('the Simulate panel shows the player, architecture, timeline, state machine and events together at 1440×900', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?panel=simulate&scenario=three-tier-web-app&at=2024-01-15T02:20:00Z');
  await expect(page.getByTestId('timeline-cursor')).toHaveText('2024-01-15T02:20:00Z');
  await page.locator('.stage').evaluate((e) => e.scrollIntoView());
  await expectStageOnScreen(page, '');
});

test("the glossary explains a lesson's terms on hover and focus", async ({ page }) => {
  await openLesson(page, '13-incident');
  const rpo = page.locator('.lesson-text abbr.term[data-term="RPO"]').first();
  await expect(rpo).toHaveText('RPO');
  await expect(rpo).toHaveAttribute('title', /Recovery point objective/);
  await rpo.focus();
  await expect(rpo).toBeFocused();
  await expect(page.locator('.lesson-text abbr.term[data-term="account"]').first()).toHaveAttribute('title', /12-digit ID/);
});

test("Back and Forward between a lesson's steps keep its run and its console", async ({ page }) => {
  await openLesson(page, '01-core-concepts');
  await consoleInput(page).fill('aws backup list-backup-vaults');
  await consoleInput(page).press('Enter');
  await expect(goal(page)).toHaveAttribute('data-met', 'true');
  await page.getByRole('link', { name: 'Next step →' }).click();
  await expect(page).toHaveURL(/step=2/);
  await page.goBack();
  await expect(page.getByTestId('lesson-step').locator('h3')).toContainText('Step 1 of 3');
  await expect(page.getByTestId('console-entry')).toHaveCount(1);
  await expect(goal(page)).toHaveAttribute('data-met', 'true');
  await page.goForward();
  await expect(page.getByTestId('lesson-step').locator('h3')).toContainText('Step 2 of 3');
  // A command run in step 1 does not meet step 2's goal.
  await expect(goal(page)).toHaveAttribute('data-met', 'false');
});
