import { test, expect } from '@playwright/test';
import { collectErrors } from './page-errors';
import * as fs from 'fs';
import * as path from 'path';

// The page lowercases (EventBridge's equals-ignore-case) and reads numbers with the browser's
// String.prototype.toLowerCase and Number, where the CLI uses Rust's std (vaultsim_core::host).
// The same vectors are checked natively (crates/core/src/host.rs) and here, so both agree.
const file = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../crates/core/tests/data/host-vectors.json'), 'utf8'),
);

test('the browser lowercases, uppercases and reads numerals as the shared vectors say, as std does', async ({ page }) => {
  await page.goto('/?panel=plan');
  const wrong = await page.evaluate(
    ({ lowercase, uppercase, decimal }: { lowercase: [string, string][]; uppercase: [string, string][]; decimal: [string, string][] }) => {
      const out: string[] = [];
      for (const [text, upper] of uppercase) {
        if (text.toUpperCase() !== upper) out.push(`uppercase ${text}: ${text.toUpperCase()}`);
      }
      for (const [text, lower] of lowercase) {
        if (text.toLowerCase() !== lower) out.push(`lowercase ${text}: ${text.toLowerCase()}`);
      }
      const view = new DataView(new ArrayBuffer(8));
      for (const [numeral, bits] of decimal) {
        view.setFloat64(0, Number(numeral));
        const got = view.getBigUint64(0).toString(16).padStart(16, '0');
        if (got !== bits) out.push(`decimal ${numeral}: ${got}, not ${bits}`);
      }
      return out;
    },
    file,
  );
  expect(file.lowercase.length).toBeGreaterThan(8);
  expect(file.uppercase.length).toBeGreaterThan(8);
  expect(file.decimal.length).toBeGreaterThan(10);
  expect(wrong).toEqual([]);
});

test('an event pattern goes through the browser for non-ASCII case and fractional numbers', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/?panel=simulate');
  await page.getByTestId('scenario-picker').selectOption('cross-account-denied');
  await page.getByTestId('advance-day').click();
  const rows = page.getByTestId('event-log').locator('li.event');
  // K is the Kelvin sign, which Unicode lowercases to an ASCII k: "aws.backup".
  await page
    .getByTestId('event-pattern')
    .fill('{"source": [{"equals-ignore-case": "AWS.BAC\u212AUP"}], "detail-type": ["Copy Job State Change"], "detail": {"state": ["FAILED"]}}');
  await expect(rows).toHaveCount(3);
  // É does not lowercase to e: nothing matches.
  await page.getByTestId('event-pattern').fill('{"source": [{"equals-ignore-case": "AWS.BACKUP\u00C9"}]}');
  await expect(rows).toHaveCount(0);
  // A fractional bound is read (by the browser's Number); the account is a string, so no match.
  await page.getByTestId('event-pattern').fill('{"account": [{"numeric": [">", 1.5, "<", 2.5e3]}]}');
  await expect(rows).toHaveCount(0);
  await expect(page.locator('.diagnostic.error')).toHaveCount(0);
  expect(errors).toEqual([]);
});
