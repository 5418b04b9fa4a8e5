// The hand-written count formatting and ASCII order (src/message/fields.ts) stand in for Intl's,
// which costs a few ms to set up on first use: they must read exactly as Intl's do.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareAscii, formatCount } from '../../src/message/fields.js';

const fields = suite('fields helpers');

fields("formatCount writes every integer as toLocaleString('en-US') does", () => {
  const samples = [0, 1, 12, 123, 999, 1000, 1001, 9999, 10000, 99999, 100000, 999999, 1000000, 1234567, Number.MAX_SAFE_INTEGER, -1, -999, -1000, -1234567];
  let seed = 7;
  for (let index = 0; index < 2000; index += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    samples.push(seed % 10 ** (1 + (index % 12)));
  }
  for (const count of samples) assert.is(formatCount(count), count.toLocaleString('en-US'), String(count));
  assert.is(formatCount(1.5), (1.5).toLocaleString('en-US'));
});

fields('compareAscii orders check ids and targets as localeCompare does', async () => {
  const { allChecks } = await import('../../checks/index.js');
  const ids = allChecks.flatMap((check) => [check.id, check.target]);
  assert.equal([...ids].sort(compareAscii), [...ids].sort((left, right) => left.localeCompare(right)));
});

fields.run();
