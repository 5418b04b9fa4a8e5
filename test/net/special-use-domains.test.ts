// The one special-use-domain list: what address-special-use-domain reports and which names
// mx-private-address lets use documentation addresses.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isDocumentationDomain, SPECIAL_USE_NAMES, specialUseNameOf, specialUseReason } from '../../src/net/special-use-domains.js';

const test = suite('src/net/special-use-domains');

test('each name covers itself and the names under it, in any case, with or without the root dot', () => {
  for (const special of SPECIAL_USE_NAMES) {
    assert.is(specialUseNameOf(special.suffix), special, special.suffix);
    assert.is(specialUseNameOf(`Mail.${special.suffix.toUpperCase()}.`), special, special.suffix);
    assert.is(specialUseNameOf(`${special.suffix}x`), undefined, `${special.suffix}x`);
    assert.is(specialUseNameOf(`x${special.suffix}`), undefined, `x${special.suffix}`);
    assert.match(special.reference, /^(RFC \d+|ICANN)/, special.suffix);
  }
});

test('RFC 6761, 6762, 7686, 8375 and 9476 names are all there', () => {
  for (const name of ['test', 'example', 'invalid', 'localhost', 'local', 'onion', 'home.arpa', 'alt', 'internal']) {
    assert.ok(specialUseReason(`x.${name}`, { reportDocumentationDomains: false }), name);
  }
});

test('documentation and testing names: the ones mx-private-address exempts', () => {
  for (const name of ['mail.example.com', 'example.net', 'a.example.org', 'shop.test', 'x.example', 'a.invalid', 'app.localhost']) {
    assert.ok(isDocumentationDomain(name), name);
  }
  for (const name of ['example.company', 'notexample.com', 'printer.local', 'abc.onion', 'nas.home.arpa', 'x.alt', 'corp.internal']) {
    assert.not.ok(isDocumentationDomain(name), name);
  }
});

test.run();
