// Integration: the preflight against a real MTA, Exim from Debian, started on a free high port on
// 127.0.0.1 with its own config and certificates made at test time; and the same setups against the
// in-process smtp-server, which must give the same findings. Where Exim is not installed the suite
// says so and skips, except under MAILLINT_REQUIRE_MTA=1 (set by .ci/run), where its absence fails.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRun } from '../../src/engine/run.js';
import type { SmtpCheckRequest } from '../../src/engine/smtp-check.js';
import { makeTestCertificates, type TestCertificates } from '../helpers/certificates.js';
import { findExim, startExim, type EximServer } from '../helpers/exim.js';
import { skipBecause } from '../helpers/skip.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const mta = suite('SMTP preflight against Exim and smtp-server');
const USER = 'alice@example.net';
const PASSWORD = 'correctHorse42';
const UNKNOWN = 'nobody@example.org';
const run = createRun();

/** Each setup: the request (without host, port and CA) and the findings (check:severity) both servers must give. */
const SETUPS: readonly (readonly [string, Partial<SmtpCheckRequest>, readonly string[]])[] = [
  ['a good login, sender and recipient', { user: USER, password: PASSWORD, from: USER, to: ['bob@example.org'] }, []],
  ['each mechanism: LOGIN', { user: USER, password: PASSWORD, auth: 'LOGIN', from: USER, to: ['bob@example.org'] }, []],
  ['each mechanism: CRAM-MD5', { user: USER, password: PASSWORD, auth: 'CRAM-MD5', from: USER, to: ['bob@example.org'] }, []],
  ['a wrong password (535)', { user: USER, password: 'wrongPassword1', from: USER, to: ['bob@example.org'] }, ['smtp-auth-failed:error']],
  ['no login (relay refused)', { from: USER, to: ['bob@example.org'] }, ['smtp-auth-required:error']],
  ['a sender the login does not own', { user: USER, password: PASSWORD, from: 'boss@example.net', to: ['bob@example.org'] }, ['smtp-sender-rejected:error']],
  ['an unknown recipient', { user: USER, password: PASSWORD, from: USER, to: ['bob@example.org', UNKNOWN] }, ['smtp-recipient-rejected:error']],
  ['NTLM (SPA) asked for', { user: USER, password: PASSWORD, auth: 'NTLM' }, ['smtp-auth-mechanism:error']],
  ['XOAUTH2 not offered', { user: USER, password: PASSWORD, auth: 'XOAUTH2' }, ['smtp-auth-mechanism:error']],
  ['no --ca: the test CA is not trusted', { user: USER, password: PASSWORD, ca: '' }, ['smtp-tls-certificate:error']],
  [
    'a message over SIZE',
    { user: USER, password: PASSWORD, message: `From: ${USER}\r\nTo: bob@example.org\r\nSubject: big\r\n\r\n${'x'.repeat(78).concat('\r\n').repeat(30)}` },
    ['smtp-size-exceeded:error'],
  ],
];

function keys(findings: readonly { check: string; severity: string }[]): string[] {
  return findings.map((finding) => `${finding.check}:${finding.severity}`).sort();
}

const exim = findExim();
if (exim === undefined && process.env.MAILLINT_REQUIRE_MTA !== '1') {
  skipBecause(mta, 'Exim integration', 'exim4 not installed (Debian package exim4-daemon-heavy; .ci/run installs it)');
} else {
  let certificates: TestCertificates;
  let eximServer: EximServer;
  let nodeServer: TestSmtpServer;
  mta.before(async () => {
    certificates = makeTestCertificates();
    eximServer = await startExim({ tls: certificates.good, user: USER, password: PASSWORD, sizeLimit: '2K', unknownRecipient: UNKNOWN });
    nodeServer = await startTestSmtpServer({
      tls: certificates.good,
      users: { [USER]: PASSWORD },
      authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
      size: 2048,
      refuseRecipients: { [UNKNOWN]: [550, '5.1.1 User unknown'] },
      refuseSenders: { 'boss@example.net': [550, `5.7.1 Sender address rejected: not owned by user ${USER}`] },
    });
  });
  mta.after(async () => {
    await eximServer?.stop();
    await nodeServer?.stop();
    certificates?.cleanup();
  });

  mta('exim is installed (MAILLINT_REQUIRE_MTA=1 makes its absence a failure)', () => {
    assert.ok(exim, 'exim4 not found');
  });

  for (const [name, setup, expected] of SETUPS) {
    mta(`${name}: ${expected.join(', ') || 'no findings'}, from Exim and from smtp-server alike`, async () => {
      for (const [label, port] of [['exim', eximServer.port], ['smtp-server', nodeServer.port]] as const) {
        const { ca, ...rest } = setup;
        const request: SmtpCheckRequest = { host: '127.0.0.1', port, helo: 'client.example.net', timeoutMs: 5000, ...rest, ...(ca === '' ? {} : { ca: certificates.ca }) };
        const result = await run.checkSmtp(request);
        assert.equal(keys(result.findings), [...expected].sort(), `${label}: ${JSON.stringify(result.findings)}`);
      }
    });
  }
}

mta.run();
