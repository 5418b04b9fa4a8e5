// Adversarial RFC 2047 section 5 cases: which characters an encoded-word's Q text may hold where it
// stands, and what the address checks advise for specials inside an encoded display name.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintMessage } from '../../src/engine/api.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';

const conformance = suite('encoded-word conformance');

const FIELDS: Record<string, string> = {
  From: 'Alice <alice@example.com>',
  To: 'Bob <bob@example.org>',
  Subject: 'Hello',
  Date: 'Tue, 24 Nov 2026 10:00:00 +0000',
  'Message-ID': '<a1@example.com>',
};

/** Findings of one check for a message built from the default fields with some replaced. */
async function findingsOf(check: string, fields: Record<string, string>): Promise<{ severity: string; message: string }[]> {
  const header = Object.entries({ ...FIELDS, ...fields })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const result = await lintMessage(`${header}\r\nBody.\r\n`, { now: FIXTURE_NOW });
  return result.findings.filter((finding) => finding.check === check).map(({ severity, message }) => ({ severity, message }));
}

// RFC 2047 5(3): a Q-encoded word in a phrase may hold only letters, digits and ! * + - / = _.
conformance('encoded-word: Q text in a display name with characters RFC 2047 5(3) forbids', async () => {
  const comma = await findingsOf('encoded-word-invalid', { From: '=?utf-8?q?Doe,_John?= <alice@example.com>' });
  assert.is(comma.length, 1, JSON.stringify(comma));
  assert.is(comma[0]!.severity, 'error');
  assert.match(comma[0]!.message, /","/);
  assert.match(comma[0]!.message, /=2C/);
  const apostrophe = await findingsOf('encoded-word-invalid', { To: "=?utf-8?q?O'Brien?= <bob@example.org>" });
  assert.equal(apostrophe.map((finding) => finding.severity), ['warn']);
  const dot = await findingsOf('encoded-word-invalid', { To: '=?utf-8?q?J.Doe?= <bob@example.org>' });
  assert.equal(dot.map((finding) => finding.severity), ['warn']);
  // The same characters are fine in unstructured text (RFC 2047 5(1)), and =XX-encoded anywhere.
  assert.equal(await findingsOf('encoded-word-invalid', { Subject: "=?utf-8?q?Doe,_J.(O'Brien)?=" }), []);
  assert.equal(await findingsOf('encoded-word-invalid', { From: '=?utf-8?q?Doe=2C_J=2EO=27Brien?= <alice@example.com>' }), []);
  assert.equal(await findingsOf('encoded-word-invalid', { From: '=?utf-8?q?a!*+-/=3D_b?= <alice@example.com>' }), []);
  // B text only uses letters, digits, + / =: always allowed.
  assert.equal(await findingsOf('encoded-word-invalid', { From: '=?utf-8?b?RG9lLCBKb2hu?= <alice@example.com>' }), []);
});

// The address checks must not tell the sender to quote an encoded-word (RFC 2047 5: never in a
// quoted-string): the special belongs =XX-encoded inside the word.
conformance('address checks: specials inside an encoded display name are fixed by encoding them, not by quoting', async () => {
  const lintFixes = async (from: string): Promise<[string, string | undefined][]> => {
    const header = Object.entries({ ...FIELDS, From: from }).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    const result = await lintMessage(`${header}\r\nBody.\r\n`, { now: FIXTURE_NOW });
    return result.findings.filter((finding) => finding.check.startsWith('address-')).map((finding) => [finding.check, finding.fix]);
  };
  assert.equal(await lintFixes('=?utf-8?q?Doe,_John?= <alice@example.com>'), [
    ['address-unquoted-display-name', 'write =?utf-8?q?Doe=2C_John?= <alice@example.com>'],
  ]);
  assert.equal(await lintFixes('=?utf-8?q?a@b?= <alice@example.com>'), [['address-unquoted-display-name', 'write =?utf-8?q?a=40b?= <alice@example.com>']]);
  // A "." inside the word is encoded-word-invalid's finding (with the =2E fix), not an obsolete phrase to quote.
  assert.equal(await lintFixes('=?utf-8?q?J.Doe?= <alice@example.com>'), []);
  assert.equal((await lintFixes('J. =?utf-8?q?Doe?= <alice@example.com>')).map(([check]) => check), ['address-obsolete']);
});

// RFC 2047 5(2): a Q-encoded word in a comment must not contain "(", ")" or '"'.
conformance('encoded-word: Q text in a comment with parentheses or a quote', async () => {
  const parens = await findingsOf('encoded-word-invalid', { To: 'bob@example.org (=?utf-8?q?Bob_(B)?=)' });
  assert.equal(parens.map((finding) => finding.severity), ['error']);
  const quote = await findingsOf('encoded-word-invalid', { To: 'bob@example.org (=?utf-8?q?Bob_"B"?=)' });
  assert.equal(quote.map((finding) => finding.severity), ['warn']);
  // Comment context allows the rest of printable ASCII (",", ".", "'").
  assert.equal(await findingsOf('encoded-word-invalid', { To: "bob@example.org (=?utf-8?q?Doe,_J.O'B?=)" }), []);
});

// A group's display name is a phrase: "=?…?=:member@example.com;" has no encoded-word in an address.
conformance('encoded-word: a group name directly followed by ":" is not part of an address', async () => {
  assert.equal(await findingsOf('encoded-word-invalid', { To: '=?utf-8?q?Team?=:bob@example.org;' }), []);
  assert.equal(await findingsOf('encoded-word-invalid', { To: '=?utf-8?q?Team?=:;' }), []);
  const inAddress = await findingsOf('encoded-word-invalid', { To: 'Team:=?utf-8?q?bob?=@example.org;' });
  assert.is(inAddress.length, 1);
});

// RFC 2047 5(1): in unstructured text an encoded-word must be separated from adjacent text and
// from another encoded-word by linear white space; otherwise it is not an encoded-word at all.
conformance('encoded-word: adjacent to another word or to text with no white space', async () => {
  const adjacent = await findingsOf('encoded-word-invalid', { Subject: '=?utf-8?q?Gr=C3=BC=C3=9Fe?==?utf-8?q?_aus_K=C3=B6ln?=' });
  assert.equal(adjacent.map((finding) => finding.severity), ['warn']);
  assert.match(adjacent[0]!.message, /white space/);
  assert.equal((await findingsOf('encoded-word-invalid', { Subject: 'Re:=?utf-8?q?Gr=C3=BC=C3=9Fe?=' })).map((finding) => finding.severity), ['warn']);
  assert.equal((await findingsOf('encoded-word-invalid', { Subject: '=?utf-8?q?Caf=C3=A9?=s' })).map((finding) => finding.severity), ['warn']);
  // Separated by a space or a fold, at the start or end of the value: fine.
  assert.equal(await findingsOf('encoded-word-invalid', { Subject: '=?utf-8?q?a?= =?utf-8?q?b?=\r\n\t=?utf-8?q?c?= and text' }), []);
  // Structured fields: specials such as "<", ":" or "(" delimit a word in a phrase or a comment.
  assert.equal(await findingsOf('encoded-word-invalid', { From: '=?utf-8?q?Alice?=<alice@example.com>', To: 'bob@example.org (=?utf-8?q?Bob?=)' }), []);
});

conformance.run();
