// The run object from the API: sending IPs are the engine's (lintFiles with sendingIps reports them
// after the files), rules are resolved once, and a run without a resolver makes no query.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintFiles, lintMessage } from '../../src/engine/api.js';
import { createRun } from '../../src/engine/run.js';
import { fakeResolver, listing, testEntryRecords } from '../dnsbl/blocklist-helpers.js';

const folder = mkdtempSync(join(tmpdir(), 'maillint-run-'));
const MESSAGE = 'From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n\r\nbody\r\n';
writeFileSync(join(folder, 'one.eml'), MESSAGE);

test('lintFiles(paths, { sendingIps }) checks the IPs once and reports them after the files', async () => {
  // Reverse DNS that passes the ptr-* checks: this test is about the blocklist listing.
  const reverseDns = [
    { type: 'PTR' as const, name: '7.113.0.203.in-addr.arpa', ttl: 60, target: 'out.example.com' },
    { type: 'A' as const, name: 'out.example.com', ttl: 60, address: '203.0.113.7' },
  ];
  const resolver = fakeResolver([...testEntryRecords('bl.example.test'), ...listing('bl.example.test', '203.0.113.7', ['127.0.0.2']), ...reverseDns]);
  const results = await lintFiles([join(folder, 'one.eml'), join(folder, 'one.eml')], {
    resolver,
    blocklists: ['bl.example.test'],
    sendingIps: ['203.0.113.7'],
    rules: { 'dns-lookup-failed': 'off', 'domain-nxdomain': 'off', 'mx-missing': 'off' },
  });
  assert.equal(results.map((result) => result.kind), ['file', 'file', 'ip']);
  assert.equal(results[2]!.findings.map((finding) => finding.check), ['dnsbl-listed']);
  assert.is(resolver.asked.filter((question) => question === '7.113.0.203.bl.example.test A').length, 1, 'asked once');
});

test('a bad sending IP stops the run before any file is read', async () => {
  const run = createRun({ resolver: fakeResolver([]), sendingIps: ['203.0.113.256'] });
  try {
    await run.lintFiles([join(folder, 'one.eml')]);
    assert.unreachable('should throw');
  } catch (error) {
    assert.match((error as Error).message, /is not an IP address/);
  }
});

test('without a resolver a run makes no query, and auditing domains says it needs one', async () => {
  const run = createRun();
  assert.ok((await run.lintMessage(MESSAGE)).findings.every((finding) => !finding.check.startsWith('mx-')));
  try {
    await run.auditDomains(['example.com']);
    assert.unreachable('should throw');
  } catch (error) {
    assert.match((error as Error).message, /needs DNS/);
  }
});

test('run.lintMessage(input, { lineOffset }): a message cut from a larger file has its lines, in positions and text, counted from the file; a bad offset is a ConfigError', async () => {
  const run = createRun({ rules: { 'line-ending': 'off' } });
  const twice = MESSAGE.replace('Subject: hi', 'Subject: hi\r\nSubject: hi again');
  const duplicate = (await run.lintMessage(twice, { lineOffset: 40 })).findings.find((finding) => finding.check === 'header-duplicate');
  assert.equal([duplicate?.line, duplicate?.message.match(/first at line (\d+)/)?.[1]], [44, '43']);
  for (const lineOffset of [-1, 1.5, Number.NaN]) {
    await run.lintMessage(MESSAGE, { lineOffset }).then(
      () => assert.unreachable(`lineOffset ${lineOffset} was taken`),
      (error: Error) => assert.equal([error.name, /lineOffset must be a whole number ≥ 0/.test(error.message)], ['ConfigError', true]),
    );
  }
  // The one-call form passes the offset on too.
  const alone = (await lintMessage(twice, { rules: { 'line-ending': 'off' }, lineOffset: 40 })).findings.find((finding) => finding.check === 'header-duplicate');
  assert.is(alone?.line, 44);
});

test.run();
