// Hostile bounces: text that made a backtracking regular expression try every start against every
// end. Before the fixes none of these finished in minutes (measured at a tenth of the size: 200 KB
// of "<" in an HTML part 14.9 s, a 200 KB X-Failed-Recipients or From without "@" 20 s, ten times
// the size a hundred times the time); they are sized so that old code hangs the suite.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyBounce } from '../../src/bounce/classify.js';

const HEADER = 'From: MAILER-DAEMON@mx.example.net\r\nTo: sender@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\n';
const MEGABYTE = 1024 * 1024;

test('an HTML part of a megabyte of "<" (tags that never close) is read as text', () => {
  for (const run of ['<', '<br']) {
    const bounce = `${HEADER}Content-Type: text/html\r\n\r\n<p>550 5.1.1 &lt;nobody@example.org&gt;: user unknown</p>${run.repeat(MEGABYTE / run.length)}\r\n`;
    const { results } = classifyBounce(bounce);
    assert.is(results[0]?.reason, 'userunknown', run);
  }
});

test('an HTML part still loses its tags, line breaks included', () => {
  const bounce = `${HEADER}Content-Type: text/html\r\n\r\n<div>Delivery to <b>nobody@example.org</b> failed:<br/>550 5.1.1 user unknown</div>\r\n`;
  const { reading } = classifyBounce(bounce);
  assert.match(reading.text, /Delivery to nobody@example\.org failed:\n550 5\.1\.1 user unknown/);
});

test('a megabyte X-Failed-Recipients or auto-reply From without "@" names no recipient, and a real one is still found', () => {
  const noAt = 'a'.repeat(MEGABYTE);
  const failed = classifyBounce(`${HEADER}X-Failed-Recipients: ${noAt}\r\n\r\n550 5.1.1 user unknown\r\n`);
  assert.is(failed.results[0]?.recipient, '');
  const autoReply = classifyBounce(`From: ${noAt}\r\nTo: a@example.com\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\n\r\nI am away\r\n`);
  assert.is(autoReply.results[0]?.recipient, '');
  const vacation = classifyBounce('From: "Doe, Jane" <jane@example.org>\r\nTo: a@example.com\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\n\r\nI am away\r\n');
  assert.is(vacation.results[0]?.recipient, 'jane@example.org');
});

test('a megabyte of blank lines and no returned message is read (the search for the separator once ran from every line to the end: 400 KB took 91 s)', () => {
  for (const run of ['\r\n', '\r\n ']) {
    const { results } = classifyBounce(`${HEADER}\r\n<nobody@example.org>: 550 5.1.1 user unknown\r\n${run.repeat(MEGABYTE / run.length)}x\r\n`);
    assert.is(results[0]?.reason, 'userunknown', JSON.stringify(run));
  }
});

test('a recipient longer than any address is cut to 256 characters with "…" (a 200 KB Original-Rcpt-To was printed whole)', () => {
  const long = `x${'a'.repeat(200_000)}@example.org`;
  const report = `${HEADER}Content-Type: multipart/report; report-type=feedback-report; boundary="b"\r\n\r\n--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nOriginal-Rcpt-To: ${long}\r\n--b--\r\n`;
  const { results } = classifyBounce(report);
  assert.is(results[0]?.recipient, `${long.slice(0, 256)}…`);
  const normal = classifyBounce(report.replace(long, 'nobody@example.org'));
  assert.is(normal.results[0]?.recipient, 'nobody@example.org');
});

test.run();
