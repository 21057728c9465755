// Where the tests tagged @readme write the README's screenshots. A test run writes them under
// target/ (so `cargo xtask test` leaves the work tree clean and they can still be looked at);
// `cargo xtask screenshots` sets VAULTSIM_SCREENSHOTS to docs/ to refresh the README's.
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');

export const SCREENSHOTS = process.env.VAULTSIM_SCREENSHOTS
  ? path.resolve(ROOT, process.env.VAULTSIM_SCREENSHOTS)
  : path.join(ROOT, 'target', 'screenshots');

/** The path a README screenshot named `name` is written to. */
export function screenshotPath(name: string): string {
  return path.join(SCREENSHOTS, name);
}
