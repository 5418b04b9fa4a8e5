// The spf domain fact (the include tree and its counts) and where the SPF checks run: on the domains
// that speak for a message's sender, never on its recipients' domains.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { flatten, inspectSpf } from '../../src/auth/spf/inspect.js';
import { RecordTable } from '../../src/dns/record-table.js';
import type { DnsRecord, Resolver } from '../../src/dns/types.js';
import { lintMessage } from '../../src/engine/api.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';

const facts = suite('spf fact and where SPF runs');

const txt = (name: string, text: string): DnsRecord => ({ type: 'TXT', name, ttl: 60, strings: [text] });
const mx = (name: string): DnsRecord => ({ type: 'MX', name, ttl: 60, preference: 10, exchange: 'mail.example.com' });

function tableResolver(records: DnsRecord[], canAnswer?: (name: string) => boolean): Resolver & { asked: string[] } {
  const table = new RecordTable(records);
  const asked: string[] = [];
  return {
    asked,
    canAnswer,
    async lookup(name, type) {
      asked.push(`${type} ${name}`);
      return table.answer(name, type) as Awaited<ReturnType<Resolver['lookup']>>;
    },
  };
}

const RECORDS = [
  { type: 'A', name: 'mail.example.com', ttl: 60, address: '192.0.2.25' } as DnsRecord,
  mx('shop.example.com'),
  txt('shop.example.com', 'v=spf1 mx include:l1.example.com -all a:after-all.example.com'),
  txt('l1.example.com', 'v=spf1 a:mail.example.com include:l2.example.com -all'),
  txt('l2.example.com', 'v=spf1 exists:%{i}.rbl.example.com include:l3.example.com ~all'),
  txt('l3.example.com', 'v=spf1 a:gone.example.com include:provider.example.net -all'),
  txt('loop-a.example.com', 'v=spf1 include:loop-b.example.com -all'),
  txt('loop-b.example.com', 'v=spf1 include:loop-a.example.com -all'),
  mx('nospf.example.com'),
  mx('bounces.example.com'),
];

facts('three levels of includes: lookups per record and in all, void lookups, terms after all not counted', async () => {
  const spf = await inspectSpf('shop.example.com', tableResolver(RECORDS));
  assert.equal(
    flatten(spf.root).map((node) => [node.domain, node.status, node.lookups, node.voidLookups]),
    [
      ['shop.example.com', 'found', 2, 0],
      ['l1.example.com', 'found', 2, 0],
      ['l2.example.com', 'found', 2, 0],
      ['l3.example.com', 'found', 2, 1],
      ['provider.example.net', 'nxdomain', 0, 0],
    ],
  );
  assert.equal([spf.lookups, spf.voidLookups, spf.partial], [8, 1, false]);
});

facts('an include outside the zone files is counted, not followed, and the counts say they are partial', async () => {
  const spf = await inspectSpf('shop.example.com', tableResolver(RECORDS, (name) => name.endsWith('example.com')));
  const provider = flatten(spf.root).find((node) => node.domain === 'provider.example.net')!;
  assert.equal([provider.status, provider.note], ['not-followed', 'outside the zone files']);
  assert.is(spf.partial, true);
});

facts('an include loop ends, and says where', async () => {
  const spf = await inspectSpf('loop-a.example.com', tableResolver(RECORDS));
  assert.match(flatten(spf.root).at(-1)!.note ?? '', 'a loop: loop-a.example.com → loop-b.example.com → loop-a.example.com');
});

const message = (headers: string) =>
  `${headers}\r\nSubject: Order\r\nDate: Tue, 24 Nov 2026 11:00:00 +0000\r\nMessage-ID: <1@shop.example.com>\r\n\r\nHi.\r\n`;

facts('lint: SPF checks run on the From and Return-Path domains, not on the recipients\' domains', async () => {
  const resolver = tableResolver(RECORDS);
  const result = await lintMessage(message('Return-Path: <b@bounces.example.com>\r\nFrom: <o@shop.example.com>\r\nTo: <p@nospf.example.com>'), {
    resolver,
    now: FIXTURE_NOW,
  });
  const missing = result.findings.filter((finding) => finding.check === 'spf-missing');
  assert.equal(
    missing.map((finding) => [finding.line, finding.message.split(':')[0]]),
    [[1, 'Return-Path']],
  );
  assert.not.ok(resolver.asked.includes('TXT nospf.example.com'), 'a recipient domain\'s SPF is not looked up');
  assert.ok(resolver.asked.includes('MX nospf.example.com'), 'its MX still is');
});

facts('lint: without sending IPs spf-not-authorized does not run, and check_host() makes no query', async () => {
  const resolver = tableResolver(RECORDS);
  const result = await lintMessage(message('From: <o@nospf.example.com>\r\nTo: <p@shop.example.com>'), { resolver, now: FIXTURE_NOW });
  assert.not.ok(result.findings.some((finding) => finding.check === 'spf-not-authorized'));
  const withIp = await lintMessage(message('From: <o@nospf.example.com>\r\nTo: <p@shop.example.com>'), { resolver, now: FIXTURE_NOW, sendingIps: ['192.0.2.25'] });
  assert.ok(withIp.findings.some((finding) => finding.check === 'spf-not-authorized'), JSON.stringify(withIp.findings));
});

facts.run();
