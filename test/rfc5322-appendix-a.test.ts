// The example messages of RFC 5322 Appendix A, typed in from the RFC with CRLF line endings
// (test/fixtures/rfc5322-appendix-a/, one file per distinct message, named after its section).
// The RFC calls A.1–A.5 legal and A.6.x obsolete, so maillint must report no error on any of
// them, nothing at all on A.1–A.5 (A.5's white space and comments are current syntax), and on
// A.6.x warnings of the obsolete kind exactly on the lines the RFC says carry obsolete syntax.
//
// The Appendix shows 14 messages; A.2 and A.3 start by repeating A.1.1's, so 12 are distinct and
// all 12 are here (A.1.1 has two: the canonical message and the one with a Sender field).
//
// What is asserted is the message's own syntax. So that the assertion can be exact:
// - each example is linted at the moment it was sent or last handled (its Date, or its
//   Resent-Date / latest Received), worked out by hand below, so date-skew stays on and is
//   tested on 1969–2003 dates rather than switched off;
// - checks that judge policy rather than RFC 5322 syntax are off, each for the reason given in
//   POLICY_CHECKS. Every other registered check runs, including ones added later.

import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { lintMessage } from '../src/engine/api.js';
import type { ReportedFinding, RuleSettings } from '../src/types.js';
import { FIXTURES_FOLDER } from './helpers/fixtures.js';
import { skipBecause } from './helpers/skip.js';

const FOLDER = `${FIXTURES_FOLDER}rfc5322-appendix-a/`;

/** Checks about what a sender should do, not what RFC 5322 allows; off for this corpus. */
const POLICY_CHECKS: Record<string, string> = {
  'subject-missing': 'Subject is optional (RFC 5322 3.6.5); A.1.2, A.1.3, A.5 and A.6.1 have none on purpose',
  'address-special-use-domain': 'the RFC uses the reserved .test and .example names on purpose (RFC 2606)',
};

interface ObsoleteConstruct {
  /** What the RFC's text says is obsolete here. */
  what: string;
  /** Lines of the construct (a folded field spans several): a finding on any of them counts. */
  lines: number[];
  /**
   * The checks whose job it is (DESIGN.md 4): one of them must report it. Until one of them is
   * registered, that assertion is skipped, saying so.
   */
  reportedBy: string[];
}

interface Example {
  file: string;
  /** When the message was sent or last handled, in UTC, from its own fields (worked out by hand). */
  now: string;
  obsolete: ObsoleteConstruct[];
}

const EXAMPLES: Example[] = [
  // Fri, 21 Nov 1997 09:55:06 -0600
  { file: 'a.1.1-simple-addressing.eml', now: '1997-11-21T15:55:06Z', obsolete: [] },
  { file: 'a.1.1-sender.eml', now: '1997-11-21T15:55:06Z', obsolete: [] },
  // Tue, 1 Jul 2003 10:52:37 +0200
  { file: 'a.1.2-mailbox-types.eml', now: '2003-07-01T08:52:37Z', obsolete: [] },
  // Thu, 13 Feb 1969 23:32:54 -0330
  { file: 'a.1.3-group-addresses.eml', now: '1969-02-14T03:02:54Z', obsolete: [] },
  // Fri, 21 Nov 1997 10:01:10 -0600 and 11:00:00 -0600
  { file: 'a.2-reply.eml', now: '1997-11-21T16:01:10Z', obsolete: [] },
  { file: 'a.2-reply-to-reply.eml', now: '1997-11-21T17:00:00Z', obsolete: [] },
  // Resent-Date: Mon, 24 Nov 1997 14:22:01 -0800 (the Date is 3 days 6 hours older)
  { file: 'a.3-resent.eml', now: '1997-11-24T22:22:01Z', obsolete: [] },
  // latest Received: 21 Nov 1997 10:05:43 -0600
  { file: 'a.4-trace-fields.eml', now: '1997-11-21T16:05:43Z', obsolete: [] },
  // Thu, 13 Feb 1969 23:32 -0330
  { file: 'a.5-white-space-comments.eml', now: '1969-02-14T03:02:00Z', obsolete: [] },
  {
    // Tue, 1 Jul 2003 10:52:37 +0200
    file: 'a.6.1-obsolete-addressing.eml',
    now: '2003-07-01T08:52:37Z',
    obsolete: [
      { what: 'unquoted display name with a period, "Joe Q. Public" (obs-phrase)', lines: [1], reportedBy: ['address-obsolete'] },
      { what: 'route in "<@node.test:mary@example.net>"', lines: [2], reportedBy: ['address-obsolete'] },
      { what: 'empty list member ", ," in To (obs-addr-list)', lines: [2], reportedBy: ['address-obsolete'] },
      { what: 'white space around "." in "jdoe@test  . example" (obs-domain)', lines: [2], reportedBy: ['address-obsolete'] },
    ],
  },
  {
    // 21 Nov 97 09:55:06 GMT
    file: 'a.6.2-obsolete-dates.eml',
    now: '1997-11-21T09:55:06Z',
    obsolete: [{ what: 'two-digit year and alphabetic zone "GMT"', lines: [4], reportedBy: ['date-obsolete'] }],
  },
  {
    // Fri, 21 Nov 1997 09(comment):   55  :  06 -0600
    file: 'a.6.3-obsolete-white-space.eml',
    now: '1997-11-21T15:55:06Z',
    obsolete: [
      { what: 'white space before the colon of From (RFC 5322 4.5)', lines: [1], reportedBy: ['header-syntax'] },
      { what: 'comment and white space in the domain "machine(comment).  example"', lines: [1], reportedBy: ['address-obsolete'] },
      { what: 'white space before the colon of To', lines: [2], reportedBy: ['header-syntax'] },
      { what: 'folding line of white space only in To (obs-FWS, RFC 5322 4.2)', lines: [2, 3], reportedBy: ['header-syntax'] },
      { what: 'white space before the colon of Subject', lines: [5], reportedBy: ['header-syntax'] },
      { what: 'white space before the colon of Date', lines: [6], reportedBy: ['header-syntax'] },
      { what: 'comments and white space inside the time of Date', lines: [6], reportedBy: ['date-obsolete'] },
      { what: 'white space before the colon of Message-ID', lines: [7], reportedBy: ['header-syntax'] },
      { what: 'CFWS inside the msg-id "<1234   @   local(blah)  .machine .example>"', lines: [7], reportedBy: ['message-id-invalid'] },
    ],
  },
];

function rules(): RuleSettings {
  const registered = new Set(allChecks.map((check) => check.id));
  return Object.fromEntries(Object.keys(POLICY_CHECKS).filter((id) => registered.has(id)).map((id) => [id, 'off' as const]));
}

const isObsoleteKind = (finding: ReportedFinding): boolean =>
  finding.check.endsWith('-obsolete') || /obsolete/i.test(finding.message);

const show = (findings: readonly ReportedFinding[]): string =>
  findings.map((finding) => `  ${finding.line ?? '-'}:${finding.column ?? '-'} ${finding.severity} ${finding.check}: ${finding.message}`).join('\n');

const appendixA = suite('RFC 5322 Appendix A examples');

appendixA('the corpus is every distinct example message, with CRLF line endings', () => {
  const files = readdirSync(FOLDER).filter((file) => file.endsWith('.eml')).sort();
  assert.equal(files, EXAMPLES.map((example) => example.file).sort());
  for (const file of files) {
    const text = readFileSync(`${FOLDER}${file}`, 'latin1');
    assert.not.match(text, /(^|[^\r])\n/, `${file} has a bare LF`);
    assert.ok(text.endsWith('\r\n'), `${file} ends with CRLF`);
  }
});

for (const example of EXAMPLES) {
  appendixA(example.file, async () => {
    const result = await lintMessage(readFileSync(`${FOLDER}${example.file}`), { now: new Date(example.now), rules: rules() });
    const findings = result.findings;

    const errors = findings.filter((finding) => finding.severity === 'error');
    assert.equal(errors.length, 0, `${example.file}: the RFC's example has no errors, but maillint reports:\n${show(errors)}`);

    const obsoleteLines = new Set(example.obsolete.flatMap((construct) => construct.lines));
    const misplaced = findings.filter((finding) => !obsoleteLines.has(finding.line ?? 0) || !isObsoleteKind(finding));
    assert.equal(
      misplaced.length,
      0,
      `${example.file}: findings other than obsolete-syntax warnings on the lines the RFC marks obsolete:\n${show(misplaced)}`,
    );

  });

  for (const construct of example.obsolete) {
    const name = `${example.file}: reports the obsolete ${construct.what}`;
    const registered = construct.reportedBy.filter((id) => allChecks.some((check) => check.id === id));
    if (registered.length === 0) {
      skipBecause(appendixA, name, `${construct.reportedBy.join(' / ')} not registered yet`);
      continue;
    }
    appendixA(name, async () => {
      const result = await lintMessage(readFileSync(`${FOLDER}${example.file}`), { now: new Date(example.now), rules: rules() });
      const reported = result.findings.filter(
        (finding) => construct.lines.includes(finding.line ?? 0) && registered.includes(finding.check),
      );
      assert.ok(
        reported.length > 0,
        `nothing from ${registered.join(' / ')} on line ${construct.lines.join(' or ')}; findings:\n${show(result.findings)}`,
      );
    });
  }
}

appendixA.run();
