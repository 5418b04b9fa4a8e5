// maillint smtp through the CLI, in-process, against smtp-server on 127.0.0.1: usage errors before
// any connection, the config file's smtp section, and the rule that the password appears nowhere —
// not in any format's report, an error, or the --verbose transcript.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FORMAT_NAMES } from '../../src/report/format-names.js';
import { makeTestCertificates, type TestCertificates } from '../helpers/certificates.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-server.js';

const cli = suite('maillint smtp (CLI)');
const PASSWORD = 'Tr0ub4dor&3-secret';
const USER = 'alice@example.net';
let certificates: TestCertificates;
let server: TestSmtpServer;
let folder: { path: string; cleanup: () => void };

cli.before(async () => {
  certificates = makeTestCertificates();
  server = await startTestSmtpServer({ tls: certificates.good, users: { [USER]: PASSWORD }, refuseRecipients: { 'nobody@example.org': [550, '5.1.1 User unknown'] } });
  folder = temporaryFolder();
  writeFileSync(join(folder.path, 'draft.eml'), 'From: alice@example.net\r\nTo: bob@example.org,\r\n nobody@example.org\r\nSubject: hi\r\n\r\nhello\r\n');
});
cli.after(async () => {
  await server.stop();
  certificates.cleanup();
  folder.cleanup();
});

const base = (): string[] => [`127.0.0.1:${server.port}`, '--ca', certificates.caPath, '--helo', 'client.example.net', '--timeout', '3000'];

/** Every form a password can take on the wire or in a log. */
function secretForms(secret: string): string[] {
  const base64 = (text: string): string => Buffer.from(text).toString('base64');
  return [secret, base64(secret), base64(`\u0000${USER}\u0000${secret}`), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
}

function assertNoSecret(output: string, secret: string, label: string): void {
  for (const form of secretForms(secret)) assert.not.ok(output.includes(form), `${label}: the password appears (as ${JSON.stringify(form)})`);
}

cli('a good login, sender and recipients: exit 0', async () => {
  const result = await runCli(['smtp', ...base(), '--user', USER, '--from', USER, '--to', 'bob@example.org'], { cwd: folder.path, env: { MAILLINT_SMTP_PASSWORD: PASSWORD } });
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /no problems/);
});

for (const format of FORMAT_NAMES) {
  cli(`--format ${format}: a failing login reports smtp-auth-failed and the password appears nowhere in stdout or stderr (--verbose on)`, async () => {
    const wrong = `${PASSWORD}-wrong`;
    for (const env of [{ MAILLINT_SMTP_PASSWORD: wrong }]) {
      const result = await runCli(['smtp', ...base(), '--user', USER, '--verbose', '--format', format, '--message', 'draft.eml'], { cwd: folder.path, env });
      assert.is(result.code, 1, result.stderr);
      assert.match(result.stdout, /smtp-auth-failed/);
      assert.match(result.stderr, /AUTH PLAIN <redacted>/);
      assertNoSecret(result.stdout + result.stderr, wrong, format);
    }
  });
}

cli('--password-file: the first line is the password, for each mechanism, never shown', async () => {
  const file = join(folder.path, 'password.txt');
  const wrong = 'file-password-wrong';
  writeFileSync(file, `${wrong}\nsecond line ignored\n`);
  for (const auth of ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2']) {
    const result = await runCli(['smtp', ...base(), '--user', USER, '--password-file', 'password.txt', '--auth', auth, '--verbose', '-f', 'json'], { cwd: folder.path });
    assert.is(result.code, 1, result.stderr);
    assert.match(result.stdout, /smtp-auth-failed/);
    assertNoSecret(result.stdout + result.stderr, wrong, auth);
  }
  writeFileSync(file, `${PASSWORD}\n`);
  const good = await runCli(['smtp', ...base(), '--user', USER, '--password-file', 'password.txt'], { cwd: folder.path });
  assert.is(good.code, 0, good.stdout + good.stderr);
});

cli('--password is refused with exit 2, and its value is not echoed', async () => {
  const result = await runCli(['smtp', ...base(), '--user', USER, '--password', PASSWORD], { cwd: folder.path });
  assert.is(result.code, 2);
  assert.match(result.stderr, /--password is refused/);
  assertNoSecret(result.stdout + result.stderr, PASSWORD, '--password');
});

cli('--message: a refused recipient is reported at the line of the message that names it', async () => {
  const result = await runCli(['smtp', ...base(), '--user', USER, '--message', 'draft.eml'], { cwd: folder.path, env: { MAILLINT_SMTP_PASSWORD: PASSWORD } });
  assert.is(result.code, 1);
  assert.match(result.stdout, /draft\.eml/);
  assert.match(result.stdout, /3\b.*error.*refused the recipient <nobody@example\.org>: "550 5\.1\.1 User unknown".*smtp-recipient-rejected/);
});

cli('usage errors are exit 2 before any connection: bad host, bad port, --user without a password, a bad --auth, a bad address', async () => {
  const before = server.commands.length;
  const cases: string[][] = [
    ['smtp', 'bad host'],
    ['smtp', '127.0.0.1:0'],
    ['smtp', '127.0.0.1:99999'],
    ['smtp', '[not-v6]:25'],
    ['smtp', ...base(), '--user', USER],
    ['smtp', ...base(), '--auth', 'KERBEROS'],
    ['smtp', ...base(), '--to', 'bob@example.org>'],
    ['smtp', ...base(), '--ca', 'draft.eml'],
    ['smtp', ...base(), '--message', 'missing.eml'],
    ['smtp'],
  ];
  for (const argv of cases) {
    const result = await runCli(argv, { cwd: folder.path });
    assert.is(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
    assert.is(result.stdout, '');
  }
  assert.is(server.commands.length, before);
});

cli('--to without --from (or --message) is exit 2: RCPT TO is only asked after MAIL FROM, so the recipients would go unchecked under a check mark', async () => {
  const result = await runCli(['smtp', ...base(), '--to', 'bob@example.org'], { cwd: folder.path });
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, /--to needs a sender: give --from ADDR/);
  assert.not.match(result.stdout, /✓/);
  // The same for a message that names recipients but no From or Sender.
  writeFileSync(join(folder.path, 'no-from.eml'), 'To: bob@example.org\r\nSubject: hi\r\n\r\nhi\r\n');
  const before = server.commands.length;
  const message = await runCli(['smtp', ...base(), '--message', 'no-from.eml'], { cwd: folder.path });
  assert.is(message.code, 2, message.stderr);
  assert.match(message.stderr, /no sender/);
  assert.not.match(message.stderr, /internal error/);
  assert.is(server.commands.length, before, 'nothing was asked of the server');
});

cli('the config file gives the server (host, port, tls, user, helo) and refuses a password', async () => {
  writeFileSync(join(folder.path, 'maillint.config.json'), JSON.stringify({ smtp: { host: '127.0.0.1', port: server.port, tls: 'starttls', user: USER, helo: 'client.example.net', auth: 'login' } }));
  try {
    const result = await runCli(['smtp', '--ca', certificates.caPath], { cwd: folder.path, env: { MAILLINT_SMTP_PASSWORD: PASSWORD } });
    assert.is(result.code, 0, result.stdout + result.stderr);
    assert.ok(server.commands.includes('AUTH LOGIN'));
    writeFileSync(join(folder.path, 'maillint.config.json'), JSON.stringify({ smtp: { host: '127.0.0.1', password: PASSWORD } }));
    const refused = await runCli(['smtp'], { cwd: folder.path });
    assert.is(refused.code, 2);
    assert.match(refused.stderr, /never holds a password/);
    assertNoSecret(refused.stderr, PASSWORD, 'config');
  } finally {
    writeFileSync(join(folder.path, 'maillint.config.json'), '{}');
  }
});

cli.run();
