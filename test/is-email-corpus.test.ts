// The is_email test corpus (Dominic Sayers, tests.xml v3.04, 164 categorised addresses), shipped
// inside the email-addresses package, run through `maillint address`'s own validation
// (checkAddresses with the default rules) and compared with is_email's verdict.
//
// Both sides are reduced to three verdicts:
// - maillint: an error finding → invalid; a warning → warning; nothing (or info only) → valid.
// - is_email, by category:
//     ISEMAIL_VALID_CATEGORY, ISEMAIL_DNSWARN → valid (DNSWARN is about DNS records, which an
//       offline syntax check does not look up);
//     ISEMAIL_RFC5321, ISEMAIL_CFWS, ISEMAIL_DEPREC → warning (legal, but quoted strings, address
//       literals, comments, folding or obsolete forms that many systems reject);
//     ISEMAIL_RFC5322 → invalid (parses as RFC 5322 but cannot be used with SMTP: too long, a domain
//       literal that is no IP address, a domain that is no host name; maillint is about mail that
//       gets delivered);
//     ISEMAIL_ERR → invalid.
// The agreement figure is asserted exactly so that a change in either direction shows. The cases
// where maillint disagrees are listed in KNOWN_DISAGREEMENTS with the reason; the test fails if
// that list goes stale. (Control characters are written in tests.xml as U+2400 + their code.)

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkAddresses, verdictOf, type AddressVerdict } from '../src/engine/api.js';

const lintAddress = (address: string) => checkAddresses([address])[0]!;

const corpus = suite('is_email corpus');

const require = createRequire(import.meta.url);
const TESTS_XML = require.resolve('email-addresses/test/tests.xml');

const EXPECTED_AGREEMENT = 157;

/** id → why maillint's verdict differs from is_email's (mapped) verdict. */
const KNOWN_DISAGREEMENTS: Record<string, string> = {
  '5': 'test@io: is_email VALID; maillint invalid: a single-label domain is not a routable mail host name',
  '23': 'test@iana.123: is_email RFC5321 (warning); maillint invalid: an all-numeric top-level label is no host name (RFC 3696 2)',
  '24': 'test@255.255.255.255: is_email RFC5321 (warning); maillint invalid: an IP address without [brackets] is not a domain',
  '58': '"test\\<NUL>"@iana.org: is_email DEPREC (warning, obs-qp); maillint invalid: a NUL byte never survives SMTP or mail software',
  '134': '"\\<LF>"@iana.org: is_email DEPREC (warning, obs-qp); maillint invalid: a bare line feed ends the SMTP command line',
  '160': '"test\\©"@iana.org: is_email ERR; maillint warning: RFC 6532 allows UTF-8 in quoted strings (needs SMTPUTF8, hence a warning)',
  '166': 'test@org: is_email RFC5321 (warning); maillint invalid: a single-label domain is not a routable mail host name',
};

interface CorpusCase {
  id: string;
  address: string;
  category: string;
  diagnosis: string;
}

function loadCorpus(): CorpusCase[] {
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false, htmlEntities: true });
  const document = parser.parse(readFileSync(TESTS_XML, 'utf8')) as {
    tests: { test: { '@_id': string; address?: unknown; category: string; diagnosis: string }[] };
  };
  return document.tests.test.map((test) => ({
    id: test['@_id'],
    // An empty <address/> parses as ''; control characters are stored as U+2400 + code.
    address: (typeof test.address === 'string' ? test.address : '').replace(/[\u2400-\u241f]/g, (picture) =>
      String.fromCharCode(picture.charCodeAt(0) - 0x2400),
    ),
    category: test.category,
    diagnosis: test.diagnosis,
  }));
}

function expectedVerdict(category: string): AddressVerdict {
  switch (category) {
    case 'ISEMAIL_VALID_CATEGORY':
    case 'ISEMAIL_DNSWARN':
      return 'valid';
    case 'ISEMAIL_RFC5321':
    case 'ISEMAIL_CFWS':
    case 'ISEMAIL_DEPREC':
      return 'warning';
    case 'ISEMAIL_RFC5322':
    case 'ISEMAIL_ERR':
      return 'invalid';
    default:
      throw new Error(`unknown is_email category ${category}`);
  }
}

const cases = loadCorpus();

corpus('the corpus is the 164 categorised addresses of tests.xml v3.04', () => {
  assert.is(cases.length, 164);
  assert.ok(cases.some((test) => test.address.includes('\u0000')), 'control pictures are decoded to control characters');
  assert.ok(cases.some((test) => test.address.includes('&')), 'XML entities are decoded');
});

corpus(`maillint agrees with is_email on ${EXPECTED_AGREEMENT} of 164 addresses`, () => {
  const disagreements: string[] = [];
  for (const test of cases) {
    const result = lintAddress(test.address);
    const actual = verdictOf(result);
    const expected = expectedVerdict(test.category);
    if (actual !== expected) {
      disagreements.push(`${test.id}`);
      if (!(test.id in KNOWN_DISAGREEMENTS)) {
        console.log(`  new disagreement #${test.id} ${JSON.stringify(test.address)} is_email ${test.diagnosis} → ${expected}; maillint ${actual}: ${result.findings.map((finding) => `${finding.check}/${finding.severity}: ${finding.message}`).join(' | ')}`);
      }
    }
  }
  const agreement = cases.length - disagreements.length;
  console.log(`  is_email corpus: maillint agrees on ${agreement} of ${cases.length} addresses`);
  assert.equal(disagreements.sort(), Object.keys(KNOWN_DISAGREEMENTS).sort(), 'the disagreements are the known ones');
  assert.is(agreement, EXPECTED_AGREEMENT);
});

corpus('no corpus address makes the validation throw', () => {
  for (const test of cases) assert.ok(Array.isArray(lintAddress(test.address).findings), test.id);
});

corpus.run();
