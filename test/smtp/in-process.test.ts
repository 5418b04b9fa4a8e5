// The preflight against real SMTP servers on 127.0.0.1: smtp-server (the nodemailer family)
// configured per case, and a scripted server for the faults no real server produces on purpose.
// Certificates are made with openssl at the start of the suite.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRun } from '../../src/engine/run.js';
import type { SmtpCheckRequest } from '../../src/engine/smtp-check.js';
import { wholeDialogueDeadlineMs } from '../../src/smtp/dialogue.js';
import { InvalidSmtpTargetError } from '../../src/smtp/target.js';
import type { ReportedFinding } from '../../src/types.js';
import { makeTestCertificates, type TestCertificates } from '../helpers/certificates.js';
import { startRawSmtpServer, startTestSmtpServer, type RawFault, type TestSmtpOptions, type TestSmtpServer } from '../helpers/smtp-server.js';

const smtp = suite('smtp preflight against in-process servers');
let certificates: TestCertificates;
const run = createRun();

smtp.before(() => {
  certificates = makeTestCertificates();
});
smtp.after(() => certificates.cleanup());

const USERS = { 'alice@example.net': 'correct horse battery staple' };

function keys(findings: readonly ReportedFinding[]): string[] {
  return findings.map((finding) => `${finding.check}:${finding.severity}${finding.line === undefined ? '' : `@${finding.line}`}`).sort();
}

async function withServer<Value>(options: TestSmtpOptions, body: (server: TestSmtpServer) => Promise<Value>): Promise<Value> {
  const server = await startTestSmtpServer(options);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

function request(server: TestSmtpServer, extra: Partial<SmtpCheckRequest> = {}): SmtpCheckRequest {
  return { host: '127.0.0.1', port: server.port, ca: certificates.ca, helo: 'client.example.net', timeoutMs: 3000, ...extra };
}

const LOGIN = { user: 'alice@example.net', password: USERS['alice@example.net'] };
const ENVELOPE = { from: 'alice@example.net', to: ['bob@example.org', 'carol@example.org'] };

smtp('a good server: STARTTLS verified, login accepted, sender and recipients accepted, nothing reported, and DATA never sent', async () => {
  await withServer({ tls: certificates.good, users: USERS }, async (server) => {
    const result = await run.checkSmtp(request(server, { ...LOGIN, ...ENVELOPE }));
    assert.equal(keys(result.findings), []);
    assert.equal(server.commands, ['AUTH PLAIN', 'MAIL alice@example.net', 'RCPT bob@example.org', 'RCPT carol@example.org']);
    assert.is(result.target, `127.0.0.1:${server.port}`);
  });
});

for (const mechanism of ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'] as const) {
  smtp(`AUTH ${mechanism}: the right password is accepted, a wrong one is smtp-auth-failed (535)`, async () => {
    await withServer({ tls: certificates.good, users: USERS }, async (server) => {
      const good = await run.checkSmtp(request(server, { ...LOGIN, auth: mechanism }));
      assert.equal(keys(good.findings), []);
      const bad = await run.checkSmtp(request(server, { ...LOGIN, password: 'wrong', auth: mechanism }));
      assert.equal(keys(bad.findings), ['smtp-auth-failed:error']);
      assert.match(bad.findings[0]!.message, /"535 5\.7\.8 Authentication credentials invalid"/);
    });
  });
}

smtp('the other login refusals: 534 and 538 are errors with their own hint, 454 (temporary) a warning', async () => {
  const cases = [
    [534, '5.7.9 Application-specific password required', 'error', /stronger method \(or an app password\)/],
    [538, '5.7.11 Encryption required for requested authentication mechanism', 'error', /only over TLS/],
    [454, '4.7.0 Temporary authentication failure', 'warn', /try again later/],
  ] as const;
  for (const [code, text, severity, hint] of cases) {
    await withServer({ tls: certificates.good, users: USERS, authRefusal: [code, text] }, async (server) => {
      const result = await run.checkSmtp(request(server, { ...LOGIN, password: 'wrong' }));
      assert.equal(keys(result.findings), [`smtp-auth-failed:${severity}`]);
      assert.match(result.findings[0]!.message, hint);
    });
  }
});

smtp('implicit TLS (the server speaks TLS at once, as on port 465)', async () => {
  await withServer({ tls: certificates.good, implicit: true, users: USERS }, async (server) => {
    const result = await run.checkSmtp(request(server, { ...LOGIN, ...ENVELOPE, tls: 'implicit' }));
    assert.equal(keys(result.findings), []);
  });
});

smtp('--tls implicit against a server that greets in plain text (587): smtp-tls-unavailable whose fix names --tls starttls, not OpenSSL\'s words alone', async () => {
  await withServer({ tls: certificates.good, users: USERS }, async (server) => {
    const result = await run.checkSmtp(request(server, { ...LOGIN, ...ENVELOPE, tls: 'implicit' }));
    assert.equal(keys(result.findings), ['smtp-tls-unavailable:error']);
    assert.match(result.findings[0]!.fix ?? '', /--tls starttls/);
    assert.equal(server.commands, [], 'no AUTH, MAIL or RCPT');
  });
});

smtp('no STARTTLS offered: smtp-tls-unavailable, and the login is never sent in the clear', async () => {
  await withServer({ users: USERS }, async (server) => {
    const result = await run.checkSmtp(request(server, { ...LOGIN, ...ENVELOPE }));
    assert.equal(keys(result.findings), ['smtp-tls-unavailable:error']);
    assert.equal(server.commands, [], 'no AUTH, MAIL or RCPT went over the plain connection');
  });
});

smtp('--tls none with a login: it works, with a warning that the password went in the clear', async () => {
  await withServer({ users: USERS }, async (server) => {
    const result = await run.checkSmtp(request(server, { ...LOGIN, ...ENVELOPE, tls: 'none' }));
    assert.equal(keys(result.findings), ['smtp-tls-unavailable:warn']);
  });
});

const CERTIFICATE_CASES = [
  ['selfSigned', 'untrusted'],
  ['otherName', 'host-name'],
  ['expired', 'expired'],
  ['notYetValid', 'not-yet-valid'],
] as const;
for (const [pair, problem] of CERTIFICATE_CASES) {
  smtp(`a certificate that is ${problem}: smtp-tls-certificate, and no login sent`, async () => {
    await withServer({ tls: certificates[pair], users: USERS }, async (server) => {
      const result = await run.checkSmtp(request(server, { ...LOGIN, ...ENVELOPE }));
      assert.equal(keys(result.findings), ['smtp-tls-certificate:error']);
      assert.equal(result.findings[0]!.data?.problem, problem);
      assert.equal(server.commands, []);
    });
  });
}

smtp('without --ca the test CA is not trusted: --ca adds a trust anchor, it never turns verification off', async () => {
  await withServer({ tls: certificates.good, users: USERS }, async (server) => {
    const { ca: _ca, ...withoutCa } = request(server, LOGIN);
    const result = await run.checkSmtp(withoutCa);
    assert.equal(keys(result.findings), ['smtp-tls-certificate:error']);
  });
});

smtp('a login given to a server without AUTH: smtp-auth-unavailable', async () => {
  await withServer({ tls: certificates.good }, async (server) => {
    const result = await run.checkSmtp(request(server, { ...LOGIN, ...ENVELOPE }));
    assert.equal(keys(result.findings), ['smtp-auth-unavailable:error']);
  });
});

smtp('--auth NTLM (SPA) and a mechanism the server lacks: smtp-auth-mechanism', async () => {
  await withServer({ tls: certificates.good, users: USERS, authMethods: ['PLAIN', 'LOGIN'] }, async (server) => {
    const spa = await run.checkSmtp(request(server, { ...LOGIN, auth: 'NTLM' }));
    assert.equal(keys(spa.findings), ['smtp-auth-mechanism:error']);
    assert.match(spa.findings[0]!.message, /Secure Password Authentication/);
    const cram = await run.checkSmtp(request(server, { ...LOGIN, auth: 'CRAM-MD5' }));
    assert.equal(keys(cram.findings), ['smtp-auth-mechanism:error']);
    assert.match(cram.findings[0]!.message, /offers PLAIN, LOGIN/);
  });
});

smtp('no login where one is required: smtp-auth-required (530), reported once, not as a rejected sender', async () => {
  await withServer({ tls: certificates.good, users: USERS }, async (server) => {
    const result = await run.checkSmtp(request(server, ENVELOPE));
    assert.equal(keys(result.findings), ['smtp-auth-required:error']);
  });
});

smtp('relay denied (554 5.7.1) at RCPT without a login: smtp-auth-required', async () => {
  const denied = [554, '5.7.1 <bob@example.org>: Relay access denied'] as const;
  await withServer({ tls: certificates.good, refuseRecipients: { 'bob@example.org': denied, 'carol@example.org': denied } }, async (server) => {
    const result = await run.checkSmtp(request(server, ENVELOPE));
    assert.equal(keys(result.findings), ['smtp-auth-required:error']);
  });
});

smtp('sender not owned by the login (553): smtp-sender-rejected', async () => {
  await withServer({ tls: certificates.good, users: USERS, refuseSenders: { 'boss@example.net': [553, '5.7.1 Sender address rejected: not owned by user alice@example.net'] } }, async (server) => {
    const result = await run.checkSmtp(request(server, { ...LOGIN, from: 'boss@example.net', to: ['bob@example.org'] }));
    assert.equal(keys(result.findings), ['smtp-sender-rejected:error']);
  });
});

smtp('recipients refused: 550 is an error at the line naming the recipient, 450 a warning', async () => {
  const refuseRecipients = { 'nobody@example.org': [550, '5.1.1 User unknown'], 'later@example.org': [450, '4.2.0 Greylisted, try again'] } as const;
  await withServer({ tls: certificates.good, users: USERS, refuseRecipients }, async (server) => {
    const message = 'From: alice@example.net\r\nTo: bob@example.org,\r\n nobody@example.org\r\nCc: later@example.org\r\nSubject: hi\r\n\r\nbody\r\n';
    const result = await run.checkSmtp(request(server, { ...LOGIN, message, target: 'draft.eml' }));
    assert.equal(keys(result.findings), ['smtp-recipient-rejected:error@3', 'smtp-recipient-rejected:warn@4']);
    assert.is(result.target, 'draft.eml');
    assert.ok(!server.commands.includes('DATA'));
  });
});

smtp('with PIPELINING the RCPTs go in one write; without it, one by one: the same findings', async () => {
  const refuseRecipients = { 'nobody@example.org': [550, '5.1.1 User unknown'] } as const;
  for (const pipelining of [true, false]) {
    await withServer({ tls: certificates.good, users: USERS, refuseRecipients, pipelining }, async (server) => {
      const result = await run.checkSmtp(request(server, { ...LOGIN, from: 'alice@example.net', to: ['bob@example.org', 'nobody@example.org'] }));
      assert.equal(keys(result.findings), ['smtp-recipient-rejected:error'], `pipelining ${pipelining}`);
    });
  }
});

smtp('a message bigger than SIZE, and a refused size: smtp-size-exceeded', async () => {
  await withServer({ tls: certificates.good, users: USERS, size: 1000 }, async (server) => {
    const message = `From: alice@example.net\r\nTo: bob@example.org\r\nSubject: big\r\n\r\n${'x'.repeat(70).concat('\r\n').repeat(40)}`;
    const result = await run.checkSmtp(request(server, { ...LOGIN, message }));
    // smtp-server answers SIZE= over its limit with 552 at MAIL: one finding, not also a rejected sender.
    assert.equal(keys(result.findings), ['smtp-size-exceeded:error']);
  });
});

smtp('SMTPUTF8 and 8BITMIME needed and not offered: smtp-utf8-unsupported, smtp-8bit-unsupported; offered: quiet', async () => {
  const message = 'From: jörg@example.net\r\nTo: bob@example.org\r\nSubject: Grüße\r\n\r\nGrüße\r\n';
  await withServer({ tls: certificates.good, users: { 'jörg@example.net': 'pw' }, smtpUtf8: false, eightBitMime: false }, async (server) => {
    const result = await run.checkSmtp(request(server, { user: 'jörg@example.net', password: 'pw', message }));
    assert.ok(keys(result.findings).includes('smtp-utf8-unsupported:error'), keys(result.findings).join());
    assert.ok(keys(result.findings).includes('smtp-8bit-unsupported:warn'));
  });
  await withServer({ tls: certificates.good, users: { 'jörg@example.net': 'pw' } }, async (server) => {
    const result = await run.checkSmtp(request(server, { user: 'jörg@example.net', password: 'pw', message }));
    assert.equal(keys(result.findings), []);
  });
});

const FAULTS: readonly (readonly [RawFault, string, RegExp])[] = [
  ['silent-banner', 'smtp-unreachable:error', /no banner within 300 ms/],
  ['banner-421', 'smtp-unreachable:error', /"421 4\.3\.2 mx\.example\.net Service not available/],
  ['banner-554', 'smtp-unreachable:error', /"554 5\.7\.1 mx\.example\.net No SMTP service here"/],
  ['drop-after-ehlo', 'smtp-unreachable:error', /broke off at EHLO: the server closed the connection/],
  ['garbage', 'smtp-unreachable:error', /not an SMTP reply/],
  ['endless-line', 'smtp-unreachable:error', /longer than 2048 octets/],
  ['stall-tls', 'smtp-tls-unavailable:error', /no TLS handshake within 300 ms/],
];
for (const [fault, expected, message] of FAULTS) {
  smtp(`fault ${fault}: ${expected}, within the deadline`, async () => {
    const server = await startRawSmtpServer(fault);
    try {
      const result = await run.checkSmtp({ host: '127.0.0.1', port: server.port, helo: 'client.example.net', timeoutMs: 300, ...ENVELOPE });
      assert.equal(keys(result.findings), [expected]);
      assert.match(result.findings[0]!.message, message);
    } finally {
      await server.stop();
    }
  });
}

// A server that delays every reply just inside the step deadline would stretch a run to steps × --timeout
// (40 recipients: 41 replies); the whole dialogue's deadline ends it, whichever step it reached.
const MANY_RECIPIENTS = Array.from({ length: 40 }, (_unused, index) => `user${index}@example.org`);
for (const pipelining of [true, false]) {
  smtp(`a server slow at every step (${pipelining ? 'PIPELINING' : 'one RCPT at a time'}): the whole dialogue's deadline ends it as smtp-unreachable, the recipients not asked not checked`, async () => {
    const server = await startRawSmtpServer('slow-replies', { replyDelayMs: 25, pipelining });
    try {
      const result = await run.checkSmtp({
        host: '127.0.0.1',
        port: server.port,
        helo: 'client.example.net',
        tls: 'none',
        timeoutMs: 5000,
        dialogueTimeoutMs: 500,
        from: 'alice@example.net',
        to: ['nobody@example.org', ...MANY_RECIPIENTS],
      });
      // The recipients answered before the deadline are still checked.
      assert.equal(keys(result.findings), ['smtp-recipient-rejected:error', 'smtp-unreachable:error']);
      const finding = result.findings.find((candidate) => candidate.check === 'smtp-unreachable')!;
      assert.match(finding.message, /broke off at RCPT: the whole dialogue ran past its deadline of 500 ms \(\d+ ms elapsed\)/);
      const notChecked = (finding.data as { recipientsNotChecked: number }).recipientsNotChecked;
      assert.ok(notChecked > 0, 'some recipients were never asked');
      assert.match(finding.message, new RegExp(`${notChecked} of 41 recipients not checked, from <user${40 - notChecked}@example\\.org> on`));
      assert.not.ok(server.commands.includes('DATA'));
    } finally {
      await server.stop();
    }
  });
}

smtp("the whole dialogue's default deadline: 10 step deadlines, at least 30 s (1,000 recipients at 10 s a step end in 100 s, not 2.8 hours)", () => {
  assert.is(wholeDialogueDeadlineMs(10_000), 100_000);
  assert.is(wholeDialogueDeadlineMs(300), 30_000);
  assert.is(wholeDialogueDeadlineMs(600_000), 6_000_000);
});

smtp('a banner with terminal escapes and bidi overrides is quoted with them escaped', async () => {
  const server = await startRawSmtpServer('escape-banner');
  try {
    const transcript: string[] = [];
    const result = await run.checkSmtp({ host: '127.0.0.1', port: server.port, helo: 'client.example.net', timeoutMs: 300, tls: 'none', ...ENVELOPE, onTranscript: (line) => transcript.push(line.text) });
    assert.equal(keys(result.findings), []);
    assert.ok(transcript.some((line) => line.includes('\\x1b[31mred') && line.includes('\\u202eevil')), transcript.join('\n'));
    assert.not.match(transcript.join('\n'), /[\u001b\u202e]/);
  } finally {
    await server.stop();
  }
});

smtp('connection refused, and a name that does not resolve: smtp-unreachable', async () => {
  const closed = await startRawSmtpServer('silent-banner');
  const port = closed.port;
  await closed.stop();
  const refused = await run.checkSmtp({ host: '127.0.0.1', port, timeoutMs: 1000 });
  assert.equal(keys(refused.findings), ['smtp-unreachable:error']);
  assert.match(refused.findings[0]!.message, /connection refused/);
  // The name is looked up by a hook that answers "no such name" (the loopback guard allows only
  // localhost by name, and the test must not ask the machine's resolver).
  const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
  const missing = await run.checkSmtp({ host: 'localhost', timeoutMs: 1000, lookup: (_name, _options, callback) => (callback as (error: Error) => void)(notFound) });
  assert.equal(keys(missing.findings), ['smtp-unreachable:error']);
  assert.match(missing.findings[0]!.message, /the host name localhost does not resolve/);
});

smtp('a malformed host, port, address or EHLO name is refused before any connection', async () => {
  for (const bad of [{ host: 'bad host' }, { host: '127.0.0.1', port: 70000 }, { host: '127.0.0.1', from: 'a@example.net>\r\nDATA' }, { host: '127.0.0.1', to: ['b@example.org\r\nRSET'] }, { host: '127.0.0.1', helo: 'x\r\nDATA' }]) {
    const outcome = await run.checkSmtp({ ...bad, timeoutMs: 100 } as SmtpCheckRequest).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    assert.instance(outcome, InvalidSmtpTargetError, JSON.stringify(bad));
  }
});


for (const fault of ['echo-password-garbage', 'echo-password-long-reply'] as const) {
  smtp(`fault ${fault}: the password the server sends back is in no finding and no transcript line, not even in part`, async () => {
    const server = await startRawSmtpServer(fault);
    // A quote and a backslash: JSON quoting would change them; the length puts it across the 300-character cap.
    const password = 'Sw0rd"fish\\42-and-more-of-it';
    try {
      const transcript: string[] = [];
      const result = await run.checkSmtp({
        host: '127.0.0.1',
        port: server.port,
        helo: 'client.example.net',
        timeoutMs: 1000,
        tls: 'none',
        user: 'alice@example.net',
        password,
        onTranscript: (line) => transcript.push(line.text),
      });
      const printed = [...result.findings.map((finding) => finding.message), ...transcript].join('\n');
      assert.ok(result.findings.length > 0, 'the echo is reported');
      for (const part of [password.slice(0, 6), 'fish', 'and-more']) assert.not.ok(printed.includes(part), `${JSON.stringify(part)} printed:\n${printed}`);
    } finally {
      await server.stop();
    }
  });
}

smtp.run();
