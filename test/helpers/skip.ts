import type { Test } from 'uvu';

/** Skips a test and says why on the test output, so a skip is never silent. */
export function skipBecause(suite: Test, name: string, reason: string): void {
  console.log(`  skipped: ${name}: ${reason}`);
  suite.skip(name, () => undefined);
}
