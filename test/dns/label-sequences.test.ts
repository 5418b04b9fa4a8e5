// Names stay label sequences from the wire to the checks (issue 10, item 6). A label may hold any
// octet, "." included: the exchange `mail\.relay.example.com` (three labels, the first one
// "mail.relay") is not `mail.relay.example.com` (four labels), and must never be looked up as it.

import { Packet } from 'dns2';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import { normalizeName } from '../../src/dns/dns-name.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { auditDomains } from '../../src/engine/api.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { onlyDomainChecks } from '../helpers/rules.js';

const test = suite('label sequences off the wire');
let server: TestDnsServer;

/** The four-label name that exists, which a dot-joining decoder would confuse with the real exchange. */
const records: DnsRecord[] = [
  { type: 'A', name: 'mail.relay.example.com', ttl: 60, address: '192.0.2.25' },
  { type: 'MX', name: 'fine.example.com', ttl: 60, preference: 10, exchange: 'mail.relay.example.com' },
];

test.before(async () => {
  server = await startDnsServer({ records });
});
test.after(() => server.close());
test.before.each(() => {
  server.setFault(undefined);
  server.queries.length = 0;
});

function wireName(labels: readonly string[]): Buffer {
  return Buffer.concat([...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')])), Buffer.from([0])]);
}

/**
 * An answer to `request` built by hand (dns2 would split a label at its dot): the question written
 * as `questionLabels` (default: as asked), and one MX record whose exchange is `exchangeLabels`.
 */
function mxAnswer(request: Packet, exchangeLabels: readonly string[], questionLabels?: readonly string[]): Buffer {
  const header = Packet.createResponseFromRequest(request).toBuffer().subarray(0, 12);
  const question = request.questions[0]!;
  const questionName = wireName(questionLabels ?? question.name.split('.'));
  const rdata = Buffer.concat([Buffer.from([0, 10]), wireName(exchangeLabels)]);
  const record = Buffer.concat([Buffer.from([0xc0, 12, 0, 15, 0, 1, 0, 0, 1, 0x2c, rdata.length >> 8, rdata.length & 0xff]), rdata]);
  const bytes = Buffer.concat([header, questionName, Buffer.from([0, question.type, 0, 1]), record]);
  bytes.writeUInt16BE(1, 4); // QDCOUNT
  bytes.writeUInt16BE(1, 6); // ANCOUNT
  bytes[2] = 0x84; // QR and AA
  bytes[3] = 0; // NOERROR
  return bytes;
}

test('an exchange whose first label holds a dot keeps it, escaped as in a zone file', async () => {
  server.setFault({ kind: 'raw', match: 'dotted.example.com', respond: (request) => mxAnswer(request, ['mail.relay', 'example', 'com']) });
  const result = await createNetworkResolver({ servers: [server.address], timeoutMs: 300 }).lookup('dotted.example.com', 'MX');
  assert.is(result.status, 'ok');
  assert.equal(result.status === 'ok' && result.records, [{ type: 'MX', name: 'dotted.example.com', ttl: 300, preference: 10, exchange: 'mail\\.relay.example.com' }]);
});

test('the audit never passes it, and never asks for the four-label name that exists', async () => {
  server.setFault({ kind: 'raw', match: 'dotted.example.com', respond: (request) => mxAnswer(request, ['mail.relay', 'example', 'com']) });
  const resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 300 });
  // The MX audit alone: SPF would ask for TXT records too.
  const rules = onlyDomainChecks('mx-', 'dns-', 'domain-');
  const { findings } = (await auditDomains(['dotted.example.com'], { resolver, rules }))[0]!;
  assert.ok(findings.some((finding) => finding.check === 'dns-lookup-failed' && finding.severity === 'error'), JSON.stringify(findings));
  assert.ok(findings.some((finding) => finding.message.includes('mail\\.relay.example.com')), JSON.stringify(findings));
  assert.equal(server.queries.map((query) => `${query.type} ${query.name}`), ['MX dotted.example.com']);
  // The control: the real four-label exchange audits clean.
  assert.equal((await auditDomains(['fine.example.com'], { resolver, rules }))[0]!.findings, []);
});

test('octets outside printable ASCII and a backslash are escaped too, never sent', async () => {
  server.setFault({ kind: 'raw', match: 'odd.example.com', respond: (request) => mxAnswer(request, ['a b\\\u0000\u00ff', 'example', 'com']) });
  const result = await createNetworkResolver({ servers: [server.address], timeoutMs: 300 }).lookup('odd.example.com', 'MX');
  assert.equal(result.status === 'ok' && result.records[0]?.type === 'MX' && result.records[0].exchange, 'a\\032b\\\\\\000\\255.example.com');
});

test('an answer whose question holds a dotted label answers a different question: dropped', async () => {
  server.setFault({ kind: 'raw', match: 'asked.example.com', respond: (request) => mxAnswer(request, ['mx', 'example', 'com'], ['asked.example', 'com']) });
  const result = await createNetworkResolver({ servers: [server.address], timeoutMs: 200 }).lookup('asked.example.com', 'MX');
  assert.is(result.status, 'malformed');
  assert.match('detail' in result ? result.detail : '', /a different question/);
});

test('a dot escaped at the end of a name is part of its last label, not the root', () => {
  assert.is(normalizeName('mx.Relay\\.'), 'mx.relay\\.');
  assert.is(normalizeName('mx.relay\\\\.'), 'mx.relay\\\\');
  assert.is(normalizeName('Example.COM.'), 'example.com');
});

test.run();
