import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RecordTable } from '../../src/dns/record-table.js';
import type { DnsRecord } from '../../src/dns/types.js';

const records: DnsRecord[] = [
  { type: 'MX', name: 'Example.COM.', ttl: 300, preference: 10, exchange: 'mail.example.com' },
  { type: 'A', name: 'mail.example.com', ttl: 300, address: '192.0.2.10' },
  { type: 'CNAME', name: 'www.example.com', ttl: 300, target: 'mail.example.com.' },
  { type: 'CNAME', name: 'dangling.example.com', ttl: 300, target: 'gone.example.com' },
  { type: 'CNAME', name: 'loop-a.example.com', ttl: 300, target: 'loop-b.example.com' },
  { type: 'CNAME', name: 'loop-b.example.com', ttl: 300, target: 'loop-a.example.com' },
  { type: 'A', name: 'host.deep.below.example.net', ttl: 300, address: '198.51.100.1' },
  ...Array.from({ length: 10 }, (_, index): DnsRecord => ({
    type: 'CNAME',
    name: `c${index}.example.org`,
    ttl: 300,
    target: `c${index + 1}.example.org`,
  })),
  { type: 'A', name: 'c10.example.org', ttl: 300, address: '203.0.113.10' },
];
const table = new RecordTable(records);
const test = suite('record-table');

test('an exact match answers ok, case-insensitively, with normalised names', () => {
  const answer = table.answer('EXAMPLE.com.', 'MX');
  assert.is(answer.status, 'ok');
  assert.equal(answer.query, { name: 'example.com', type: 'MX' });
  assert.equal(answer.records, [{ type: 'MX', name: 'example.com', ttl: 300, preference: 10, exchange: 'mail.example.com' }]);
});

test('a name owning other types only is NODATA; an unknown name is NXDOMAIN', () => {
  assert.is(table.answer('example.com', 'A').status, 'nodata');
  assert.is(table.answer('nothing.example.com', 'A').status, 'nxdomain');
});

test('an empty non-terminal is NODATA', () => {
  assert.is(table.answer('below.example.net', 'A').status, 'nodata');
  assert.is(table.answer('deep.below.example.net', 'MX').status, 'nodata');
  assert.ok(table.exists('example.net'));
  assert.not.ok(table.owns('example.net'));
});

test('a CNAME is chased inside the table', () => {
  const answer = table.answer('www.example.com', 'A');
  assert.is(answer.status, 'ok');
  assert.equal(
    answer.records.map((record) => `${record.name} ${record.type}`),
    ['www.example.com CNAME', 'mail.example.com A'],
  );
  assert.is(table.answer('www.example.com', 'MX').status, 'nodata');
  const cname = table.answer('www.example.com', 'CNAME');
  assert.is(cname.status, 'ok');
  assert.is(cname.records.length, 1);
});

test('a CNAME to a missing name ends NXDOMAIN with the chain kept', () => {
  const answer = table.answer('dangling.example.com', 'A');
  assert.is(answer.status, 'nxdomain');
  assert.is(answer.records.length, 1);
});

test('CNAME loops and over-long chains are SERVFAIL with a detail', () => {
  const loop = table.answer('loop-a.example.com', 'A');
  assert.is(loop.status, 'servfail');
  if (loop.status === 'servfail') assert.match(loop.detail, /CNAME loop at loop-a\.example\.com/);
  const long = table.answer('c0.example.org', 'A');
  assert.is(long.status, 'servfail');
  if (long.status === 'servfail') assert.match(long.detail, /longer than 8/);
  assert.is(table.answer('c3.example.org', 'A').status, 'ok');
});

test.run();
