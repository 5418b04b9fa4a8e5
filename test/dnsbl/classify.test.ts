// Answer classification, TXT reasons and the RFC 5782 self-test verdict, on LookupResult values.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DnsRecord, LookupResult } from '../../src/dns/types.js';
import { validateBlocklistSettings } from '../../src/dnsbl/catalogue.js';
import { classifyAnswer, judgeSelfTest, MAX_REASON_LENGTH, readReason } from '../../src/dnsbl/classify.js';

const test = suite('dnsbl classification');

const NAME = '7.113.0.203.zen.example.test';
const [zen, plain] = validateBlocklistSettings([
  { zone: 'zen.example.test', codes: { '127.0.0.2': 'SBL', '127.0.0.10': 'PBL' }, dynamicCodes: ['127.0.0.10'], refusalCodes: ['127.0.1.255'] },
  'bl.example.test',
]);
const list = zen!;

function answer(...addresses: string[]): LookupResult {
  return { status: 'ok', query: { name: NAME, type: 'A' }, records: addresses.map((address): DnsRecord => ({ type: 'A', name: NAME, ttl: 60, address })) };
}

test('NXDOMAIN is not listed', () => {
  assert.equal(classifyAnswer({ status: 'nxdomain', query: { name: NAME, type: 'A' } }, list), { status: 'not-listed' });
});

test('127/8 codes are listings, sorted numerically, with meanings and the dynamic flag', () => {
  assert.equal(classifyAnswer(answer('127.0.0.10', '127.0.0.2', '127.0.0.2', '127.0.0.42'), list), {
    status: 'listed',
    codes: [
      { code: '127.0.0.2', meaning: 'SBL', dynamic: false },
      { code: '127.0.0.10', meaning: 'PBL', dynamic: true },
      { code: '127.0.0.42', dynamic: false },
    ],
  });
});

test('127.255.255.0/24 and list-specific refusal codes are refusals, even beside a listing code', () => {
  for (const code of ['127.255.255.252', '127.255.255.254', '127.255.255.255', '127.255.255.0', '127.0.1.255']) {
    const outcome = classifyAnswer(answer('127.0.0.2', code), list);
    assert.is(outcome.status, 'unusable', code);
    assert.is(outcome.status === 'unusable' && outcome.reason, 'refused', code);
    assert.equal(outcome.status === 'unusable' && outcome.codes, [code]);
  }
  // 127.0.1.255 is a refusal only on the list that declares it.
  assert.is(classifyAnswer(answer('127.0.1.255'), plain!).status, 'listed');
});

test('an address outside 127/8 makes the whole answer a bad answer', () => {
  const outcome = classifyAnswer(answer('127.0.0.2', '192.0.2.1'), list);
  assert.equal(outcome.status === 'unusable' && [outcome.reason, outcome.codes], ['bad-answer', ['192.0.2.1']]);
});

test('NODATA, an A record for another name, and failures are never "not listed"', () => {
  const query = { name: NAME, type: 'A' as const };
  const other: LookupResult = { status: 'ok', query, records: [{ type: 'A', name: `other.${NAME}`, ttl: 60, address: '127.0.0.2' }] };
  const cases: [LookupResult, string][] = [
    [{ status: 'nodata', query, records: [] }, 'bad-answer'],
    [other, 'bad-answer'],
    [{ status: 'servfail', query, detail: 'x' }, 'lookup-error'],
    [{ status: 'refused', query, detail: 'x' }, 'lookup-error'],
    [{ status: 'timeout', query, detail: 'no answer within 300 ms' }, 'lookup-error'],
    [{ status: 'malformed', query, detail: 'compression loop' }, 'lookup-error'],
    [{ status: 'network-error', query, detail: 'ECONNREFUSED' }, 'lookup-error'],
  ];
  for (const [result, reason] of cases) {
    const outcome = classifyAnswer(result, list);
    assert.is(outcome.status === 'unusable' && outcome.reason, reason, result.status);
    assert.ok(outcome.status === 'unusable' && outcome.detail.includes(NAME), 'the detail names the query');
  }
});

test('an A record reached through a CNAME on the chain counts', () => {
  const result: LookupResult = {
    status: 'ok',
    query: { name: NAME, type: 'A' },
    records: [
      { type: 'CNAME', name: NAME, ttl: 60, target: 'sbl.zen.example.test' },
      { type: 'A', name: 'sbl.zen.example.test', ttl: 60, address: '127.0.0.2' },
    ],
  };
  assert.is(classifyAnswer(result, list).status, 'listed');
});

function txt(...records: string[][]): LookupResult {
  return { status: 'ok', query: { name: NAME, type: 'TXT' }, records: records.map((strings): DnsRecord => ({ type: 'TXT', name: NAME, ttl: 60, strings })) };
}

test('TXT reason: strings of a record joined, records separated, duplicates dropped', () => {
  assert.equal(readReason(txt(['Listed ', 'for spam'], ['see example.test/lookup'], ['Listed for spam'])), {
    reason: 'Listed for spam / see example.test/lookup',
  });
});

test('TXT reason: 10,000 characters are cut to the limit; control characters are kept for formatters to escape', () => {
  const strings = Array.from({ length: 40 }, (_, index) => `\u001b[31m${String(index).padStart(245, 'x')}`);
  const result = readReason(txt(strings));
  assert.ok('reason' in result);
  const reason = (result as { reason: string }).reason;
  assert.is([...reason].length, MAX_REASON_LENGTH);
  assert.ok(reason.endsWith('…'));
  assert.ok(reason.includes('\u001b'));
});

test('TXT reason missing: says why', () => {
  assert.equal(readReason({ status: 'nxdomain', query: { name: NAME, type: 'TXT' } }), { reasonMissing: 'the list publishes no TXT reason' });
  assert.match(
    (readReason({ status: 'timeout', query: { name: NAME, type: 'TXT' }, detail: 'after 300 ms' }) as { reasonMissing: string }).reasonMissing,
    /TXT lookup .* failed: timeout/,
  );
  assert.equal(readReason(txt([''])), { reasonMissing: 'the list\'s TXT record is empty' });
});

const LISTED_ENTRY = '2.0.0.127.zen.example.test';
const CLEAN_ENTRY = '1.0.0.127.zen.example.test';
function at(name: string, result: 'nxdomain' | string): LookupResult {
  return result === 'nxdomain'
    ? { status: 'nxdomain', query: { name, type: 'A' } }
    : { status: 'ok', query: { name, type: 'A' }, records: [{ type: 'A', name, ttl: 60, address: result }] };
}
function selfTest(listed: LookupResult, clean: LookupResult) {
  return judgeSelfTest(list, { entry: '127.0.0.2', result: listed }, { entry: '127.0.0.1', result: clean });
}

test('self-test: 127.0.0.2 listed and 127.0.0.1 not = passed', () => {
  assert.equal(selfTest(at(LISTED_ENTRY, '127.0.0.2'), at(CLEAN_ENTRY, 'nxdomain')), { passed: true });
});

test('self-test failures: silent refusal, lists everything, refusal code, lookup error', () => {
  const silent = selfTest(at(LISTED_ENTRY, 'nxdomain'), at(CLEAN_ENTRY, 'nxdomain'));
  assert.ok(!silent.passed && silent.outcome.reason === 'self-test-failed' && silent.outcome.detail.includes('does not list'));
  const everything = selfTest(at(LISTED_ENTRY, '127.0.0.2'), at(CLEAN_ENTRY, '127.0.0.2'));
  assert.ok(!everything.passed && everything.outcome.reason === 'self-test-failed' && everything.outcome.detail.includes('lists 127.0.0.1'));
  const refused = selfTest(at(LISTED_ENTRY, '127.255.255.254'), at(CLEAN_ENTRY, 'nxdomain'));
  assert.ok(!refused.passed && refused.outcome.reason === 'refused' && refused.outcome.detail.startsWith('test entry 127.0.0.2: '));
  const failed = selfTest(at(LISTED_ENTRY, '127.0.0.2'), { status: 'timeout', query: { name: CLEAN_ENTRY, type: 'A' }, detail: 'x' });
  assert.ok(!failed.passed && failed.outcome.reason === 'lookup-error');
});

test.run();
