// Property tests for the DMARC and DKIM record parsers: record-like token soup (tags, separators,
// percent-escapes, base64, control characters) never makes them throw, and every problem they report
// points inside the record. Fixed seed.

import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDkimKey } from '../../src/auth/dkim-key.js';
import { parseDmarcRecord } from '../../src/auth/dmarc.js';

const SEED = 20261130;

const token = fc.oneof(
  fc.constantFrom('v=DMARC1', 'v=DKIM1', 'p=', 'reject', 'none', 'sp=', 'rua=', 'ruf=', 'mailto:', '@', 'example.com', '!10m', ',', ';', '=', ' ', '\t', '%', '%E0', '%2C'),
  fc.constantFrom('k=rsa', 'k=ed25519', 'h=sha256', 's=email', 't=y', 'pct=', 'fo=', '1:d', 'adkim=s', 'MIIBIjAN', '==', '+/', '\u0000', '\u001b[31m', 'é'),
  fc.string({ maxLength: 8 }),
);
const soup = fc.array(token, { maxLength: 12 }).map((tokens) => tokens.join(''));
const tagName = fc.constantFrom('p', 'sp', 'np', 'rua', 'ruf', 'adkim', 'aspf', 'pct', 'fo', 'rf', 'ri', 'k', 'h', 's', 't', 'v', 'x');
/** Tag lists with real tag names and soup values (`rua=mailto:…%E0@…`), or plain soup. */
const recordText = fc.oneof(
  fc.array(fc.tuple(tagName, fc.oneof(soup, soup.map((value) => `mailto:${value}`))), { maxLength: 8 }).map((tags) => tags.map(([name, value]) => `${name}=${value}`).join('; ')),
  soup,
);

function check(parse: (text: string) => { problems: { column: number }[] }, prefix: string): void {
  const details = fc.check(
    fc.property(recordText, (body) => {
      const text = `${prefix}${body}`;
      const { problems } = parse(text);
      for (const problem of problems) {
        if (!(problem.column >= 1 && problem.column <= text.length + 1)) throw new Error(`column ${problem.column} outside a ${text.length}-character record`);
      }
    }),
    { seed: SEED, numRuns: 500 },
  );
  if (details.failed) {
    assert.unreachable(`${String(details.errorInstance)}\n  input ${JSON.stringify(String(details.counterexample?.[0]).slice(0, 500))}`);
  }
}

test('parseDmarcRecord never throws and points inside the record', () => check(parseDmarcRecord, 'v=DMARC1; '));
test('parseDkimKey never throws and points inside the record', () => check(parseDkimKey, ''));

test.run();
