// Message linting with DNS: the domains a message names are audited (once per run, however many
// messages name them) and reported at the header line naming them; --ip is checked once per run.
// Every server is in-process on 127.0.0.1.

import type { DnsRecord } from '../src/dns/types.js';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadZoneFiles } from '../src/dns/zone-file-resolver.js';
import { lintMessage } from '../src/engine/api.js';
import type { TargetResult } from '../src/types.js';
import { listing, testEntryRecords } from './dnsbl/blocklist-helpers.js';
import { runCli, temporaryFolder } from './helpers/cli.js';
import { startDnsServer, type TestDnsServer } from './helpers/dns-server.js';

const lintDns = suite('lint with DNS');
const EXAMPLE_ZONE = fileURLToPath(new URL('../examples/dns/example.zone', import.meta.url));
const folder = temporaryFolder();
let server: TestDnsServer;

const message = (to: string, extra = ''): string =>
  [
    'From: Shop <orders@example.com>',
    `To: ${to}`,
    'Subject: Your order has shipped',
    'Date: Tue, 24 Nov 2026 11:00:00 +0000',
    'Message-ID: <order-7@example.com>',
    extra,
    '',
    'On its way.',
    '',
  ]
    .filter((line, index, lines) => line !== '' || index >= lines.length - 3)
    .join('\r\n');

/** Reverse DNS that passes the ptr-* checks for the sending IP: the --ip test is about its blocklist listing. */
const SENDER_REVERSE_DNS: DnsRecord[] = [
  { type: 'PTR', name: '9.113.0.203.in-addr.arpa', ttl: 60, target: 'out.example.com' },
  { type: 'A', name: 'out.example.com', ttl: 60, address: '203.0.113.9' },
];

lintDns.before(async () => {
  const zone = await loadZoneFiles([EXAMPLE_ZONE]);
  const records = (await Promise.all(
    ['example.com', 'mail.example.com', 'mx-alias.example.com', 'mailhost.mx-alias.example.com'].flatMap((name) =>
      (['MX', 'A', 'AAAA', 'CNAME'] as const).map(async (type) => {
        const answer = await zone.lookup(name, type);
        return answer.status === 'ok' ? answer.records.filter((record) => record.name === name) : [];
      }),
    ),
  )).flat();
  server = await startDnsServer({ records: [...records, ...testEntryRecords('bl.example.test'), ...listing('bl.example.test', '203.0.113.9', ['127.0.0.2']), ...SENDER_REVERSE_DNS] });
  writeFileSync(join(folder.path, 'one.eml'), message('Pat <pat@mx-alias.example.com>'));
  writeFileSync(join(folder.path, 'two.eml'), message('sam@mx-alias.example.com'));
});

lintDns.after(async () => {
  await server.close();
  folder.cleanup();
});

lintDns('lintMessage with a resolver reports the MX problem at the line and column naming the domain', async () => {
  const resolver = await loadZoneFiles([EXAMPLE_ZONE]);
  const result = await lintMessage(message('Pat <pat@mx-alias.example.com>'), { resolver, now: new Date('2026-11-24T12:00:00Z') });
  const alias = result.findings.filter((finding) => finding.check === 'mx-cname');
  assert.is(alias.length, 1, JSON.stringify(result.findings, null, 2));
  assert.is(alias[0]!.line, 2);
  assert.is(alias[0]!.column, 14, 'points at the domain inside the address');
  assert.match(alias[0]!.message, /^To: MX 10 mailhost\.mx-alias\.example\.com/);
});

lintDns('without a resolver, lintMessage makes no DNS finding at all', async () => {
  const result = await lintMessage(message('pat@mx-alias.example.com'), { now: new Date('2026-11-24T12:00:00Z') });
  assert.equal(result.findings.filter((finding) => finding.check.startsWith('mx-') || finding.check.startsWith('d')), []);
});

lintDns('the CLI audits each domain once per run however many files name it', async () => {
  server.queries.length = 0;
  const run = await runCli(['--resolver', server.address, '--timeout', '1000', '-f', 'json', 'one.eml', 'two.eml'], { cwd: folder.path });
  const results = JSON.parse(run.stdout) as TargetResult[];
  for (const result of results) {
    assert.ok(result.findings.some((finding) => finding.check === 'mx-cname'), `${result.target}: ${run.stdout}`);
  }
  const mxQueries = server.queries.filter((query) => query.type === 'MX' && query.name === 'mx-alias.example.com');
  assert.is(mxQueries.length, 1);
  assert.is(run.code, 1);
});

lintDns('--offline makes no query at all; --offline beside --resolver is a contradiction (exit 2), not a silent pass', async () => {
  server.queries.length = 0;
  const run = await runCli(['--offline', 'one.eml'], { cwd: folder.path });
  assert.is(server.queries.length, 0);
  assert.not.match(run.stdout, /mx-cname/);
  const both = await runCli(['--offline', '--resolver', server.address, 'one.eml'], { cwd: folder.path });
  assert.is(both.code, 2);
  assert.match(both.stderr, /--resolver would be ignored with --offline/);
  assert.is(server.queries.length, 0);
});

lintDns('--ip: checked once, reported as its own target after the files', async () => {
  server.queries.length = 0;
  const run = await runCli(
    ['--resolver', server.address, '--dnsbl', 'bl.example.test', '--ip', '203.0.113.9', '-f', 'json', 'one.eml', 'two.eml'],
    { cwd: folder.path },
  );
  const results = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(results.map((result) => result.target), ['one.eml', 'two.eml', '203.0.113.9']);
  assert.equal(results[2]!.findings.map((finding) => finding.check), ['dnsbl-listed']);
  const listQueries = server.queries.filter((query) => query.name === '9.113.0.203.bl.example.test' && query.type === 'A');
  assert.is(listQueries.length, 1);
});

lintDns('a bad --ip stops the run with exit 2 before any file is linted', async () => {
  server.queries.length = 0;
  const run = await runCli(['--resolver', server.address, '--ip', '203.0.113', 'one.eml'], { cwd: folder.path });
  assert.is(run.code, 2);
  assert.match(run.stderr, /203\.0\.113/);
  assert.is(run.stdout, '');
  assert.is(server.queries.length, 0);
});

lintDns('--ip with --offline is a usage error, not a silent pass', async () => {
  const run = await runCli(['--offline', '--ip', '203.0.113.9', 'one.eml'], { cwd: folder.path });
  assert.is(run.code, 2);
  assert.match(run.stderr, /--offline/);
});

lintDns('sendingIps from a config file are skipped (with a note) by --offline; --ip with --offline stays an error', async () => {
  writeFileSync(join(folder.path, 'maillint.config.json'), JSON.stringify({ sendingIps: ['203.0.113.9'] }));
  try {
    const run = await runCli(['--offline', '-f', 'json', 'one.eml'], { cwd: folder.path });
    assert.is(run.code, 0, run.stderr);
    assert.match(run.stderr, /sendingIps \(203\.0\.113\.9\) are not checked/);
    assert.equal((JSON.parse(run.stdout) as TargetResult[]).map((result) => result.target), ['one.eml']);
    const typed = await runCli(['--offline', '--ip', '203.0.113.9', 'one.eml'], { cwd: folder.path });
    assert.is(typed.code, 2);
  } finally {
    rmSync(join(folder.path, 'maillint.config.json'));
  }
});

lintDns.run();
