// spf-not-authorized is an error where the From domain's DMARC policy is quarantine or reject (the
// mail is refused or junked unless DKIM passes aligned), a warning otherwise.

import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadZoneFiles } from '../../src/dns/zone-file-resolver.js';
import { lintMessage } from '../../src/engine/api.js';
import { FIXTURE_NOW, FIXTURES_FOLDER } from '../helpers/fixtures.js';

const test = suite('spf-not-authorized severity from the DMARC policy');
const FOLDER = `${FIXTURES_FOLDER}dmarc-would-fail/`;

async function severities(fixture: string): Promise<string[]> {
  const resolver = await loadZoneFiles([`${FOLDER}senders.zone`]);
  const result = await lintMessage(readFileSync(`${FOLDER}${fixture}`), { resolver, sendingIps: ['203.0.113.9'], now: FIXTURE_NOW });
  return result.findings.filter((finding) => finding.check === 'spf-not-authorized').map((finding) => finding.severity);
}

test('p=reject at the organizational domain: error', async () => {
  assert.equal(await severities('ng.spf-fails-no-dkim.eml'), ['error']);
});

test('p=none: warning', async () => {
  assert.equal(await severities('ok.policy-none.eml'), ['warn']);
});

test.run();
