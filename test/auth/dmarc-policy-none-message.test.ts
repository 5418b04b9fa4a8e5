// dmarc-policy-none says what p=none does: receivers deliver mail that fails DMARC, and report it
// only where the record names an rua= address (with none, nobody hears of the forgeries).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadZoneFiles } from '../../src/dns/zone-file-resolver.js';
import { auditDomains } from '../../src/engine/api.js';
import { FIXTURE_NOW, FIXTURES_FOLDER } from '../helpers/fixtures.js';

const test = suite('dmarc-policy-none message');
const FOLDER = `${FIXTURES_FOLDER}dmarc-policy-none/`;

async function messageOf(zone: string, domain: string): Promise<string> {
  const resolver = await loadZoneFiles([`${FOLDER}${zone}`]);
  const [result] = await auditDomains([domain], { resolver, now: FIXTURE_NOW });
  const finding = result!.findings.find((candidate) => candidate.check === 'dmarc-policy-none');
  assert.ok(finding, JSON.stringify(result));
  return finding!.message;
}

test('with rua=: failures are delivered and reported to it', async () => {
  const message = await messageOf('ng.p-none.zone', 'example.com');
  assert.match(message, /deliver/);
  assert.match(message, /report/);
});

test('without rua=: it does not claim reports that no one receives', async () => {
  const message = await messageOf('ng.sp-none-for-subdomain.zone', 'shop.example.com');
  assert.match(message, /deliver/);
  assert.match(message, /no rua=/);
  assert.not.match(message, /receivers report failures/);
});

test.run();
