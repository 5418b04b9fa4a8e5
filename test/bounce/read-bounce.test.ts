// Reading one bounce: the RFC 3464 structure, a pasted reply line, an auto-reply, a message that is
// no bounce, positions in the file, hostile and broken input.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyBounce, classifyReplyLine, looksLikeReplyLine } from '../../src/bounce/classify.js';
import { DSN } from '../helpers/bounces.js';
import { TEXT_RULES } from '../../src/bounce/reasons.js';


test('an RFC 3464 report: one result per recipient, reason, action, status, reply, and the line of its fields', () => {
  const { reading, results } = classifyBounce(DSN);
  assert.is(reading.kind, 'delivery-status');
  assert.equal(
    results.map(({ recipient, status, reply, reason, action, line }) => ({ recipient, status, reply, reason, action, line })),
    [
      { recipient: 'nobody@example.org', status: '5.1.1', reply: '550', reason: 'userunknown', action: 'failed', line: 17 },
      { recipient: 'later@nxdomain.example', status: '4.4.7', reply: '', reason: 'expired', action: 'delayed', line: 22 },
    ],
  );
  assert.is(results[0]!.seedRow, '550 Unknown User / Mailbox unavailable');
  assert.ok(results[0]!.preventedBy.includes('address-typo-domain'));
  assert.is(reading.returned?.headersOnly, true);
  assert.is(reading.returned?.firstLine, 29);
});

test('a pasted reply line: reply, status, reason and the IP it blames', () => {
  const line = '554 5.7.1 Service unavailable; Client host [192.0.2.4] blocked using zen.spamhaus.org';
  assert.ok(looksLikeReplyLine(line));
  const result = classifyReplyLine(line);
  assert.equal([result.reply, result.status, result.reason, result.ip, result.action], ['554', '5.7.1', 'blocked', '192.0.2.4', 'failed']);
  assert.is(result.seedRow, '554 Service unavailable; client host blocked using a DNSBL');
  assert.is(classifyReplyLine("550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy").reason, 'authfailure');
  assert.is(classifyReplyLine('550 5.7.25 The IP address sending this message does not have a PTR record setup').reason, 'requireptr');
  assert.is(classifyReplyLine('452 4.2.2 The email account that you tried to reach is over quota').reason, 'mailboxfull');
  assert.ok(!looksLikeReplyLine('bounce.eml'));
  assert.ok(!looksLikeReplyLine('550'));
});

test('an auto-reply (RFC 3834 Auto-Submitted) is a vacation result, not a failure', () => {
  const { results } = classifyBounce('From: someone@example.org\r\nAuto-Submitted: auto-replied\r\nSubject: Out of office\r\n\r\nBack on Monday.\r\n');
  assert.equal(results.map(({ reason, action }) => [reason, action]), [['vacation', 'delivered']]);
  assert.equal(results[0]!.preventedBy, []);
});

test('a message that is no bounce gives no result', () => {
  const { reading, results } = classifyBounce('From: a@example.com\r\nTo: b@example.org\r\nSubject: lunch\r\n\r\nSee you at noon, b@example.org\r\n');
  assert.is(reading.kind, 'not-a-bounce');
  assert.equal(results, []);
});

test('broken input never throws: empty, binary, a multipart without delimiters, nested parts past the depth limit', () => {
  const nested = Array.from({ length: 50 }, (_, depth) => `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n`).join('');
  for (const input of ['', '\u0000\u0001\u0002', 'Content-Type: multipart/report; boundary="x"\r\n\r\nno parts here', nested, '--\r\n--\r\n']) {
    assert.not.throws(() => classifyBounce(input));
  }
});

test('a hostile diagnostic is capped (the formatters escape it)', () => {
  const result = classifyReplyLine(`550 5.1.1 \u001b[31m${'x'.repeat(5000)}`);
  assert.ok(result.diagnostic.length <= 1001);
  assert.is(result.reason, 'userunknown');
});

test('the MIME structure is read by src/mime: an RFC 2231 boundary in sections and a commented Content-Type still split the report', () => {
  const sections = DSN.replace('multipart/report; report-type=delivery-status; boundary="B"', 'multipart/report (a DSN); report-type=delivery-status; boundary*0="B"; boundary*1="X"').replace(/^--B/gm, '--BX');
  const { reading, results } = classifyBounce(sections);
  assert.is(reading.kind, 'delivery-status');
  assert.equal(results.map(({ recipient, line }) => [recipient, line]), [['nobody@example.org', 17], ['later@nxdomain.example', 22]]);
  assert.equal([reading.returned?.firstLine, reading.returned?.headersOnly], [29, true]);
});

test('every text rule names the mail system or standard whose words it reads', () => {
  for (const rule of TEXT_RULES) assert.ok(/[A-Z0-9]/.test(rule.source) && rule.source.length > 8, `${rule.reason}: ${rule.source}`);
});

test.run();
