// The address layer: email-addresses wrapped (capped, split per element, located) plus the rules
// its grammar does not apply. Hostile input must give a finding, never a throw or a stack overflow.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addressFieldsOf, domainsNamedIn, parseAddressList, type AddressProblem } from '../../src/message/address.js';
import { lintMessage } from '../../src/engine/api.js';
import { parseMessage } from '../../src/message/scan.js';

const NOW = new Date('2026-11-24T12:00:00Z');

function message(headers: string[]): string {
  return `${[
    ...headers,
    'Subject: Test',
    'Date: Tue, 24 Nov 2026 10:00:00 +0000',
    'Message-ID: <test-1@example.com>',
  ].join('\r\n')}\r\n\r\nBody\r\n`;
}

function categories(problems: readonly AddressProblem[]): string[] {
  return problems.map((problem) => `${problem.category}/${problem.level}`);
}

const parsing = suite('parseAddressList');

parsing('mailboxes, groups and where each part starts', () => {
  const value = ' John Doe <john@example.com>, "Doe, Jane" <jane@example.net>, Team: a@example.org, b@example.org;';
  const parsed = parseAddressList(value);
  assert.equal(parsed.problems, []);
  assert.ok(parsed.complete);
  assert.equal(
    parsed.mailboxes.map((mailbox) => [mailbox.displayName, mailbox.address, mailbox.index, mailbox.addressIndex, mailbox.domainIndex]),
    [
      ['John Doe', 'john@example.com', 1, 11, 16],
      ['Doe, Jane', 'jane@example.net', 30, 43, 48],
      [null, 'a@example.org', 68, 68, 70],
      [null, 'b@example.org', 83, 83, 85],
    ],
  );
  for (const mailbox of parsed.mailboxes) {
    assert.is(value.slice(mailbox.addressIndex, mailbox.addressIndex + mailbox.address.length), mailbox.address);
  }
  const group = parsed.entries[2];
  assert.ok(group?.kind === 'group' && group.group.displayName === 'Team' && group.group.index === 62);
});

parsing('an empty group counts as an entry with no mailbox', () => {
  const parsed = parseAddressList(' undisclosed-recipients:;');
  assert.equal(parsed.problems, []);
  assert.is(parsed.mailboxes.length, 0);
  assert.is(parsed.entries[0]?.kind, 'group');
});

parsing('RFC 5321 lengths: local part 64, address 254', () => {
  assert.equal(parseAddressList(`${'a'.repeat(64)}@example.com`).problems, []);
  assert.equal(categories(parseAddressList(`${'a'.repeat(65)}@example.com`).problems), ['address/invalid']);
  const domain = `${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(54)}.com`;
  assert.is(domain.length, 250);
  assert.equal(parseAddressList(`abc@${domain}`).problems, [], '254 octets');
  const tooLong = parseAddressList(`abcd@${domain}`).problems;
  assert.equal(categories(tooLong), ['address/invalid']);
  assert.match(tooLong[0]!.message, /255 octets long; an address can be at most 254/);
});

parsing('domains must be host names; literals must be IP addresses', () => {
  const messages = (value: string): string[] => parseAddressList(value).problems.map((problem) => `${problem.level}: ${problem.message}`);
  assert.match(messages('a@exa_mple.com')[0]!, /^invalid: .*"_"/);
  assert.match(messages('a@localhost')[0]!, /^invalid: .*no dot/);
  assert.match(messages('a@example.123')[0]!, /^invalid: .*all-numeric/);
  assert.match(messages('a@-example.com')[0]!, /^invalid: .*hyphen/);
  assert.match(messages('a@[192.0.2.1]')[0]!, /^warning: .*IP address literal/);
  assert.match(messages('a@[IPv6:2001:db8::1]')[0]!, /^warning: .*IP address literal/);
  assert.match(messages('a@[not-an-ip]')[0]!, /^invalid: .*not an IPv4 address/);
});

parsing('quoted local parts and non-ASCII addresses are warnings, with fixes where mechanical', () => {
  const needless = parseAddressList('"john"@example.com').problems;
  assert.equal(categories(needless), ['address/warning']);
  assert.is(needless[0]!.fix, 'write john@example.com');
  assert.equal(categories(parseAddressList('"john doe"@example.com').problems), ['address/warning']);
  const idn = parseAddressList('Jörg <joerg@bücher.example>');
  assert.is(idn.mailboxes[0]!.hostname, 'xn--bcher-kva.example');
  assert.is(idn.problems[0]!.fix, 'write the domain as xn--bcher-kva.example');
  assert.equal(categories(parseAddressList('jörg@example.com').problems), ['address/warning']);
});

parsing('obsolete syntax is reported where it stands; comments around an address are not obsolete', () => {
  const value = 'Joe Q. Public <john.q.public@example.com>, Mary <@relay.example.org:mary@example.net>, , john . doe@example . org';
  const problems = parseAddressList(value).problems;
  assert.equal(categories(problems), ['obsolete/warning', 'obsolete/warning', 'obsolete/warning', 'obsolete/warning', 'obsolete/warning']);
  assert.equal(problems.map((problem) => problem.index), [0, 49, 87, 89, 100]);
  assert.is(value[49], '@', 'the route is pointed at');
  assert.is(value[87], ',', 'the stray comma is pointed at');
  const comments = parseAddressList('Pete(A nice \\) chap) <pete(his account)@example.com(his host)>, joe@example.org (Joe)');
  assert.equal(comments.problems, []);
  assert.equal(comments.mailboxes.map((mailbox) => mailbox.address), ['pete@example.com', 'joe@example.org']);
});

parsing('an unquoted comma in a display name is explained, and the real address is kept', () => {
  const parsed = parseAddressList(' Doe, John <john.doe@example.net>');
  assert.equal(categories(parsed.problems), ['unquoted-display-name/invalid']);
  assert.is(parsed.problems[0]!.fix, 'write "Doe, John" <john.doe@example.net>');
  assert.is(parsed.problems[0]!.index, 1);
  assert.equal(parsed.mailboxes.map((mailbox) => mailbox.address), ['john.doe@example.net']);
  const twoCommas = parseAddressList('Doe, Jr., John <j@example.net>');
  assert.is(twoCommas.problems[0]!.fix, 'write "Doe, Jr., John" <j@example.net>');
});

parsing('other unquoted specials in a display name', () => {
  const parsed = parseAddressList('info@shop.example.com <info@shop.example.com>');
  assert.equal(categories(parsed.problems), ['unquoted-display-name/invalid']);
  assert.is(parsed.problems[0]!.fix, 'write "info@shop.example.com" <info@shop.example.com>');
});

parsing('syntax errors say what is wrong', () => {
  const reason = (value: string): string => parseAddressList(value).problems[0]?.message ?? '';
  assert.match(reason(' Billing'), /is a name without an address/);
  assert.match(reason('Billing <billing@example.com'), /angle brackets do not match/);
  assert.match(reason('john@@example.com'), /more than one "@"/);
  assert.match(reason('"john@example.com'), /quoted string is not closed|name without an address/);
  assert.match(reason('john@example.com (unclosed'), /comment is not closed/);
  assert.match(reason('.john@example.com'), /starts or ends with a dot/);
  assert.match(reason(''), /the field is empty/);
});

parsing('an unclosed comment is not an empty element, even where empty is allowed', () => {
  const parsed = parseAddressList('(forgot to close a@example.com', { allowEmpty: true });
  assert.equal(categories(parsed.problems), ['syntax/invalid']);
  assert.match(parsed.problems[0]!.message, /comment is not closed/);
  assert.equal(parseAddressList('', { allowEmpty: true }).problems, []);
});

parsing('standalone: one mailbox, no white space, comments or folding', () => {
  assert.equal(parseAddressList('john@example.com', { standalone: true }).problems, []);
  assert.equal(parseAddressList('John <john@example.com>', { standalone: true }).problems, []);
  assert.equal(categories(parseAddressList(' john@example.com', { standalone: true }).problems), ['address/warning']);
  assert.equal(categories(parseAddressList('john(x)@example.com', { standalone: true }).problems), ['address/warning']);
  assert.equal(categories(parseAddressList('a@example.com, b@example.com', { standalone: true }).problems), ['syntax/invalid']);
  assert.equal(categories(parseAddressList('Team: a@example.com;', { standalone: true }).problems), ['syntax/invalid']);
  assert.equal(categories(parseAddressList('john@example.com\r\n', { standalone: true }).problems), ['syntax/invalid']);
});

parsing.run();

const hostile = suite('hostile input: a finding, never a throw');

hostile('5,000 nested comments in From', async () => {
  const nested = `${'('.repeat(5000)}${')'.repeat(5000)}`;
  const result = await lintMessage(message([`From: Billing <billing@example.com> ${nested}`, 'To: customer@example.net']), { now: NOW });
  const finding = result.findings.find((candidate) => candidate.check === 'from-invalid');
  assert.ok(finding, JSON.stringify(result.findings));
  assert.match(finding.message, /nested 5000 deep; maillint stops at 50/);
  assert.is(finding.line, 1);
});

hostile('comment depth: 50 is parsed, 51 is refused', () => {
  const depth = (levels: number): string => `a@example.com ${'('.repeat(levels)}x${')'.repeat(levels)}`;
  assert.equal(parseAddressList(depth(50)).problems, []);
  assert.match(parseAddressList(depth(51)).problems[0]!.message, /nested 51 deep/);
});

hostile('a 100,000-character To', async () => {
  const result = await lintMessage(message(['From: billing@example.com', `To: ${'a'.repeat(100_000)}@example.net`]), { now: NOW });
  const finding = result.findings.find((candidate) => candidate.check === 'address-invalid');
  assert.ok(finding, JSON.stringify(result.findings.map((f) => f.check)));
  assert.match(finding.message, /^To: the field is 100,013 characters long/);
});

hostile('a long list of long hostile elements is refused element by element', () => {
  const value = Array.from({ length: 14 }, () => `${'a '.repeat(1100)}@x`).join(',');
  const parsed = parseAddressList(value);
  assert.is(parsed.problems.length, 14);
  assert.ok(parsed.problems.every((problem) => problem.category === 'syntax' && /2,20[23] characters long/.test(problem.message)));
});

hostile('NUL in a display name', async () => {
  const result = await lintMessage(message(['From: Bill\u0000ing <billing@example.com>', 'To: customer@example.net']), { now: NOW });
  const finding = result.findings.find((candidate) => candidate.check === 'from-invalid');
  assert.ok(finding, JSON.stringify(result.findings));
  assert.match(finding.message, /NUL and bare line breaks are never allowed/);
});

hostile('binary garbage and unbalanced everything', () => {
  for (const value of ['<<<<>>>>', '"""', '\\', '((((', '[[[', ':;:;', ',,,,', '@@@', '<@>', '\u00ff\u00fe\u0000', 'a@b@c@d']) {
    const parsed = parseAddressList(value);
    assert.ok(Array.isArray(parsed.problems), value);
    assert.ok(parsed.problems.length > 0, `${JSON.stringify(value)} must not pass silently`);
  }
});

hostile.run();

const fields = suite('address fields of a message');

fields('positions map to line and column of a folded field', () => {
  const parsed = parseMessage(message(['From: billing@example.com', 'To: Ann <ann@example.net>,', '\tBob <bob@exa_mple.net>']));
  const to = addressFieldsOf(parsed).find((view) => view.role === 'to')!;
  const problem = to.parsed.problems[0]!;
  assert.equal(to.locate(problem.index), { line: 3, column: 11 });
});

fields('domainsNamedIn: distinct host names with the first place each is named', () => {
  const parsed = parseMessage(
    message([
      'From: Billing <billing@Example.com>',
      'Reply-To: support@example.com',
      'To: a@example.net, b@EXAMPLE.NET, c@exa_mple.org, d@[192.0.2.1]',
      'Cc: Team: e@bücher.example;',
    ]),
  );
  assert.equal(domainsNamedIn(parsed), [
    { domain: 'example.com', fieldName: 'From', line: 1, column: 24 },
    { domain: 'example.net', fieldName: 'To', line: 3, column: 7 },
    { domain: 'xn--bcher-kva.example', fieldName: 'Cc', line: 4, column: 13 },
  ]);
});

fields('the views of a message are parsed once', () => {
  const parsed = parseMessage(message(['From: billing@example.com', 'To: customer@example.net']));
  assert.is(addressFieldsOf(parsed), addressFieldsOf(parsed));
});

fields.run();
