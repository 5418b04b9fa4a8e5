// The domain auditor: one audit per domain per run (concurrent callers share it), queries made
// concurrently and only those needed, names it must not audit left alone; and the helpers the
// mx-* checks share (IP-literal exchanges; address classification is tested in test/net/ip.test.ts).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ipLiteralOf } from '../../src/dns/mx-facts.js';
import { RecordTable } from '../../src/dns/record-table.js';
import type { DnsRecord, LookupResult, RecordType, Resolver } from '../../src/dns/types.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadZoneFiles } from '../../src/dns/zone-file-resolver.js';
import { gatherDomainFacts } from '../../src/dns/gather-domain-facts.js';
import { InvalidDomainError } from '../../src/engine/domain-audits.js';
import { createRun } from '../../src/engine/run.js';
import { onlyDomainChecks } from '../helpers/rules.js';

async function auditDomain(domain: string, options: Parameters<typeof createRun>[0]) {
  return (await createRun(options).auditDomains([domain]))[0]!;
}
import { cnameChainOf, cnameChainProblem } from '../../src/dns/record-table.js';

const audit = suite('domain audit');

const RECORDS: DnsRecord[] = [
  { type: 'MX', name: 'example.com', ttl: 300, preference: 20, exchange: 'mx2.example.com' },
  { type: 'MX', name: 'example.com', ttl: 300, preference: 10, exchange: 'mx1.example.com' },
  { type: 'MX', name: 'example.com', ttl: 300, preference: 30, exchange: 'mx1.example.com' },
  { type: 'A', name: 'mx1.example.com', ttl: 300, address: '192.0.2.1' },
  { type: 'A', name: 'mx2.example.com', ttl: 300, address: '192.0.2.2' },
  { type: 'A', name: 'a-only.example.com', ttl: 300, address: '192.0.2.3' },
  { type: 'MX', name: 'literal.example.com', ttl: 300, preference: 10, exchange: '192.0.2.9' },
];

/** A resolver over a record table that counts questions and answers them all at once, later. */
function countingResolver(records: DnsRecord[], canAnswer?: (name: string) => boolean) {
  const table = new RecordTable(records);
  const asked: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const resolver: Resolver = {
    async lookup(name: string, type: RecordType): Promise<LookupResult> {
      asked.push(`${type} ${name}`);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((done) => setTimeout(done, 5));
      inFlight -= 1;
      const answer = table.answer(name, type);
      return answer.status === 'servfail' ? { status: 'servfail', query: answer.query, detail: answer.detail } : answer.status === 'nxdomain' ? { status: 'nxdomain', query: answer.query } : answer;
    },
    ...(canAnswer ? { canAnswer } : {}),
  };
  return { resolver, asked, maxInFlight: () => maxInFlight };
}

audit('facts: MX first, then every distinct exchange A and AAAA at once, by preference', async () => {
  const { resolver, asked, maxInFlight } = countingResolver(RECORDS);
  const facts = await gatherDomainFacts('example.com', resolver);
  assert.equal(facts.exchanges.map((exchange) => [exchange.preference, exchange.exchange]), [[10, 'mx1.example.com'], [20, 'mx2.example.com']]);
  assert.equal(asked.slice(1).sort(), ['A mx1.example.com', 'A mx2.example.com', 'AAAA mx1.example.com', 'AAAA mx2.example.com']);
  assert.is(maxInFlight(), 4, 'the four exchange lookups are in flight together');
  assert.is(facts.a, undefined, 'no implicit-MX lookups when there is an MX');
});

audit('facts: no MX → the domain\'s own A and AAAA; an IP written as exchange is not looked up', async () => {
  const { resolver, asked } = countingResolver(RECORDS);
  const facts = await gatherDomainFacts('a-only.example.com', resolver);
  assert.is(facts.a?.status, 'ok');
  assert.is(facts.aaaa?.status, 'nodata');
  asked.length = 0;
  const literal = await gatherDomainFacts('literal.example.com', resolver);
  assert.equal(literal.exchanges, []);
  assert.equal(asked, ['MX literal.example.com']);
});

audit('facts: more than 16 exchanges → the rest listed as not looked up', async () => {
  const many: DnsRecord[] = Array.from({ length: 20 }, (_, index) => ({ type: 'MX', name: 'many.example.com', ttl: 300, preference: index, exchange: `mx${index}.example.com` }));
  const { resolver } = countingResolver(many);
  const facts = await gatherDomainFacts('many.example.com', resolver);
  assert.is(facts.exchanges.length, 16);
  assert.equal(facts.exchangesNotLookedUp, ['mx16.example.com', 'mx17.example.com', 'mx18.example.com', 'mx19.example.com']);
  const result = await auditDomain('many.example.com', { resolver });
  assert.ok(result.findings.some((finding) => finding.check === 'dns-lookup-failed' && finding.message.includes('4 more MX exchanges')));
});

audit('run: each domain once per run, concurrent callers share the audit, case and dot ignored', async () => {
  const { resolver, asked } = countingResolver(RECORDS);
  const run = createRun({ resolver });
  const results = await run.auditDomains(['example.com', 'EXAMPLE.com.', 'example.com']);
  assert.equal(results[0]!.findings, results[1]!.findings);
  assert.is(asked.filter((question) => question === 'MX example.com').length, 1);
  await run.auditDomains(['example.com']);
  assert.is(asked.filter((question) => question === 'MX example.com').length, 1);
});

audit('run: a message naming a domain the resolver cannot answer for does not look it up', async () => {
  const { resolver, asked } = countingResolver(RECORDS, (name) => name.endsWith('example.com'));
  const run = createRun({ resolver });
  await run.lintMessage('From: a@example.org\r\nTo: b@example.org\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\nSubject: x\r\nMessage-ID: <1@example.org>\r\n\r\nbody\r\n');
  assert.equal(asked, []);
});

audit('run: all domain checks off → no lookups (needs drives the facts); a bad rule setting fails at creation', async () => {
  const { resolver, asked } = countingResolver(RECORDS);
  const off = onlyDomainChecks();
  assert.equal((await createRun({ resolver, rules: off }).auditDomains(['example.com']))[0]!.findings, []);
  assert.equal(asked, []);
  assert.throws(() => createRun({ resolver, rules: { 'mx-private-address': ['error', { nope: true }] } }), /unknown option "nope"/);
});

audit('auditDomain: an invalid name throws before any lookup; target is the name as given', async () => {
  const { resolver, asked } = countingResolver(RECORDS);
  try {
    await auditDomain('-bad-.com', { resolver });
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, InvalidDomainError);
    assert.match((error as Error).message, '"-bad-.com" is not a mail domain');
  }
  assert.equal(asked, []);
  assert.is((await auditDomain('Example.COM', { resolver })).target, 'Example.COM');
});

audit('offline zones: an exchange outside them is not looked up and not an error; an in-zone alias leading out is still mx-cname', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'maillint-audit-'));
  const path = join(folder, 'example.com.zone');
  writeFileSync(
    path,
    `$ORIGIN example.com.
@ SOA ns1 hostmaster 1 7200 3600 1209600 300
@ MX 10 mx1.provider.example.net.
@ MX 20 mx2.provider.example.net.
_dmarc TXT "v=DMARC1; p=reject"
@ TXT "v=spf1 include:_spf.provider.example.net -all"
alias MX 10 to-provider
to-provider CNAME mx1.provider.example.net.
`,
  );
  const zones = await loadZoneFiles([path]);
  // A domain whose mail a provider hosts: the zone is fine; its exchanges are the provider's to check.
  const hosted = await auditDomain('example.com', { resolver: zones });
  assert.equal(hosted.findings.filter((finding) => finding.severity !== 'info'), [], JSON.stringify(hosted.findings));
  const notes = hosted.findings.filter((finding) => finding.check === 'dns-lookup-failed');
  assert.is(notes.length, 1, 'one note says what was not checked');
  assert.match(notes[0]!.message, /mx1\.provider\.example\.net.*mx2\.provider\.example\.net/);
  assert.match(notes[0]!.message, /outside the zone files/);
  // The alias is in the zone, so the zone shows it is one, wherever its target lives.
  const alias = await auditDomain('alias.example.com', { resolver: zones });
  assert.ok(alias.findings.some((finding) => finding.check === 'mx-cname' && finding.severity === 'error'), JSON.stringify(alias.findings));
});

audit('CNAME loops and over-long chains are one rule for zone files and answers off the wire', () => {
  const cname = (name: string, target: string): DnsRecord => ({ type: 'CNAME', name, ttl: 1, target });
  const loop = [cname('a.example.com', 'b.example.com'), cname('b.example.com', 'a.example.com')];
  assert.equal(cnameChainOf('a.example.com', loop), loop);
  assert.is(cnameChainProblem('a.example.com', loop), 'CNAME loop at a.example.com (a.example.com → b.example.com → a.example.com)');
  const long = Array.from({ length: 9 }, (_, index) => cname(`c${index}.example.com`, `c${index + 1}.example.com`));
  assert.match(cnameChainProblem('c0.example.com', cnameChainOf('c0.example.com', long)) ?? '', /CNAME chain longer than 8/);
  const fine = [cname('a.example.com', 'b.example.com'), { type: 'A' as const, name: 'b.example.com', ttl: 1, address: '192.0.2.1' }];
  assert.is(cnameChainProblem('a.example.com', cnameChainOf('a.example.com', fine)), undefined);
});

audit('IP-literal exchanges, including the zone-file slip without a trailing dot', () => {
  assert.is(ipLiteralOf('192.0.2.25'), '192.0.2.25');
  assert.is(ipLiteralOf('[192.0.2.25]'), '192.0.2.25');
  assert.is(ipLiteralOf('2001:db8::25'), '2001:db8::25');
  assert.is(ipLiteralOf('192.0.2.25.example.com'), '192.0.2.25');
  assert.is(ipLiteralOf('mx1.example.com'), undefined);
  assert.is(ipLiteralOf('192-0-2-25.example.com'), undefined);
  assert.is(ipLiteralOf('1.2.3.example.com'), undefined);
});

audit.run();
