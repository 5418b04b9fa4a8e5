// Typo and special-use domain rules.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { specialUseReason } from '../../src/net/special-use-domains.js';
import { isOneEditAway, suggestProviderDomain } from '../../src/message/typo-domains.js';

const typos = suite('suggestProviderDomain');

typos('one edit from a big provider is a typo', () => {
  for (const [typo, meant] of [
    ['gmial.com', 'gmail.com'],
    ['gmal.com', 'gmail.com'],
    ['gmail.con', 'gmail.com'],
    ['gmail.co', 'gmail.com'],
    ['gmaill.com', 'gmail.com'],
    ['hotmial.com', 'hotmail.com'],
    ['yahooo.com', 'yahoo.com'],
    ['outlok.com', 'outlook.com'],
    ['iclod.com', 'icloud.com'],
  ]) {
    assert.is(suggestProviderDomain(typo!), meant, typo);
  }
});

typos('real domains near a provider, unrelated domains and known domains are not', () => {
  for (const domain of ['gmail.com', 'mail.com', 'email.com', 'ymail.com', 'gmx.com', 'hotmail.de', 'me.com', 'mc.com', 'example.com', 'gmail.example.com', 'aol.com', 'acl.com']) {
    assert.is(suggestProviderDomain(domain), undefined, domain);
  }
  assert.is(suggestProviderDomain('gmial.com', ['GMIAL.com']), undefined);
});

typos('edit distance counts a swap of neighbours as one edit', () => {
  assert.ok(isOneEditAway('ab', 'ba'));
  assert.not.ok(isOneEditAway('abc', 'cba'));
  assert.not.ok(isOneEditAway('same', 'same'));
});

typos.run();

const specialUse = suite('specialUseReason');

specialUse('special-use names are reported, documentation domains only when asked', () => {
  const off = { reportDocumentationDomains: false };
  for (const name of ['mail.test', 'x.example', 'a.invalid', 'app.localhost', 'printer.local', 'abc.onion', 'x.alt', 'nas.home.arpa', 'corp.internal']) {
    assert.ok(specialUseReason(name, off), name);
  }
  for (const name of ['example.com', 'mail.example.net', 'testing.com', 'local.example.org', 'home.arpa.example.com']) {
    assert.is(specialUseReason(name, off), undefined, name);
  }
  assert.match(specialUseReason('mail.example.com', { reportDocumentationDomains: true }) ?? '', /example\.com is reserved for documentation/);
});

specialUse.run();
