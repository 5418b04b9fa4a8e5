// Adversarial RFC 5322 msg-id cases: the obsolete forms of section 4.5.4 that must read as obsolete
// (a warning), not as a broken id.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMessageIdList } from '../../src/message/message-id.js';

const conformance = suite('msg-id conformance');

// RFC 5322 4.5.4: obs-id-left is a local-part (a quoted-string may hold ">"), obs-id-right a domain
// (a domain-literal may hold FWS and quoted-pairs). Obsolete, so a warning, never a broken-id error.
conformance('msg-id: obsolete quoted left part holding ">" and obsolete domain literals', () => {
  const quotedAngle = parseMessageIdList('<"a>b"@example.com>');
  assert.equal(quotedAngle.ids.map((id) => id.raw), ['<"a>b"@example.com>']);
  assert.equal(quotedAngle.strayWords, []);
  assert.equal(quotedAngle.problems.map((problem) => problem.severity), ['warn']);
  for (const value of ['<a@[ 192.0.2.1 ]>', '<a@[192.0.2.1\\]]>', '<a@ [192.0.2.1] >']) {
    const list = parseMessageIdList(value);
    assert.equal(list.problems.map((problem) => problem.severity), ['warn'], value);
  }
  // Still errors: no "@", two "@", an empty label, an unclosed literal.
  for (const value of ['<a b>', '<a@b@c d>', '<a@b..c >', '<a@[192.0.2.1 >']) {
    assert.equal(parseMessageIdList(value).problems.map((problem) => problem.severity), ['error'], value);
  }
});

conformance.run();
