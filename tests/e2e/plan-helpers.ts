// What the plan editor's browser tests share: the guide's plan, a paste, a big plan, and a way
// to time edits.
import { expect, Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

/** The guide's plan, without comments: what a first visit shows. */
export const GUIDE_PLAN = fs.readFileSync(
  path.resolve(__dirname, '../../www/examples/guide-plan.json'),
  'utf8',
);

/** The core's CloudFormation example: a plan, vaults and a selection, with !Ref, !GetAtt and !Sub. */
export const CLOUDFORMATION_YAML = fs.readFileSync(
  path.resolve(__dirname, '../../crates/core/tests/data/plans/cloudformation.yaml'),
  'utf8',
);

/** Replaces the editor's text with `text`: select all, paste (the test needs clipboard permissions). */
export async function paste(page: Page, text: string) {
  const editor = page.getByTestId('plan-editor');
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  if (text === '') {
    await page.keyboard.press('Delete');
  } else {
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.keyboard.press('ControlOrMeta+V');
  }
  await expect(editor).toHaveValue(text);
}

/** A plan of 85 rules, about 2000 lines; every seventh rule's start window is too short. */
export function bigPlan() {
  const rules = Array.from({ length: 85 }, (_, i) => ({
    RuleName: `Rule${i}`,
    TargetBackupVaultName: 'prod-vault',
    ScheduleExpression: `cron(${i % 60} ${i % 24} * * ? *)`,
    ScheduleExpressionTimezone: 'Europe/London',
    StartWindowMinutes: i % 7 === 0 ? 30 : 60,
    CompletionWindowMinutes: 600,
    Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365 },
    RecoveryPointTags: { team: 'platform', env: 'prod' },
    CopyActions: [
      {
        DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:dr-vault',
        Lifecycle: { DeleteAfterDays: 365 },
      },
    ],
  }));
  const big = JSON.stringify({ BackupPlanName: 'big-plan', Rules: rules }, null, 4);
  return { big, rules, lines: big.split('\n').length };
}

/**
 * Edits the text `rounds` times, cycling through `texts`, and times each edit from the input
 * event to the page laid out again: the page's updates run as microtasks, all done before the
 * next task (a MessageChannel message, which browsers do not delay as they do timers).
 */
export async function measureEdits(page: Page, texts: string[], counts: string[], rounds: number) {
  return page.getByTestId('plan-editor').evaluate(
    async (el: HTMLTextAreaElement, [texts, counts, rounds]: [string[], string[], number]) => {
      const tally = document.querySelector('[data-testid="plan-counts"]')!;
      const nextTask = () =>
        new Promise<void>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const start = performance.now();
        el.value = texts[i % texts.length];
        el.dispatchEvent(new Event('input', { bubbles: true }));
        await nextTask();
        document.body.getBoundingClientRect();
        samples.push(performance.now() - start);
        // The measured time covers the whole update: the counts already show the edit's.
        const want = counts[i % counts.length];
        if (!tally.textContent!.includes(want)) {
          throw new Error(`edit ${i}: the counts say "${tally.textContent}", not "${want}"`);
        }
      }
      samples.sort((a, b) => a - b);
      return {
        min: samples[0],
        median: samples[samples.length >> 1],
        p90: samples[Math.floor(samples.length * 0.9)],
      };
    },
    [texts, counts, rounds] as [string[], string[], number],
  );
}

