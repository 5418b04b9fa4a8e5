// Hostile volume: a header of thousands of address fields must stay bounded in work and in report
// size. Found by npm run fuzz: 16,000 From fields took 4.7 s and produced 48,004 findings.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintMessage } from '../src/engine/api.js';
import { addressFieldsOf, MAX_OCCURRENCES_PARSED } from '../src/message/address.js';
import { parseMessage } from '../src/message/scan.js';
import { MAX_FINDINGS_PER_CHECK } from '../src/engine/run-check.js';

const volume = suite('hostile volume');

const HOSTILE =
  'Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n' +
  'From: o15i4rvtcrm 70jmn50 =?utf-8?Q?J=C3=B6rg?= <no-at-sign>, \r\n'.repeat(16_000) +
  '\r\nbody\r\n';

volume('each check reports at most MAX_FINDINGS_PER_CHECK findings, then says how many more', async () => {
  const result = await lintMessage(HOSTILE, { now: new Date('2026-11-24T12:00:00Z') });
  const byCheck = new Map<string, number>();
  for (const finding of result.findings) byCheck.set(finding.check, (byCheck.get(finding.check) ?? 0) + 1);
  for (const [check, count] of byCheck) assert.ok(count <= MAX_FINDINGS_PER_CHECK + 1, `${check}: ${count} findings`);
  const duplicates = result.findings.filter((finding) => finding.check === 'header-duplicate');
  assert.match(duplicates[duplicates.length - 1]!.message, /and 15,\d{3} more header-duplicate findings/);
});

volume('only the first occurrences of an address field are parsed (the rest are header-duplicate findings)', () => {
  const views = addressFieldsOf(parseMessage(HOSTILE));
  assert.is(views.length, MAX_OCCURRENCES_PARSED);
});

volume.run();
