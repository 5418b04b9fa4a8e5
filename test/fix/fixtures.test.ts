// Every fix against its before/after fixtures (test/fixtures/fix/<check-id>/<case>.before.eml and
// .after.eml): fixing `before` gives `after` octet for octet, the check's findings are fixed or (when
// the two are equal: a case the fix must leave to a person) remain, and fixing `after` changes nothing.

import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixMessage, lintMessage } from '../../src/engine/api.js';
import { FIX_SIGNED_MESSAGE } from '../../src/engine/input-findings.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';

const fixtures = suite('fix fixtures');
const ROOT = new URL('../fixtures/fix/', import.meta.url);

/** A generated Message-ID's left part is random: the after files write it as UUID. */
function withoutRandomIds(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@/g, '<UUID@');
}

for (const folder of readdirSync(ROOT)) {
  for (const file of readdirSync(new URL(`${folder}/`, ROOT)).filter((name) => name.endsWith('.before.eml'))) {
    const name = file.slice(0, -'.before.eml'.length);
    fixtures(`${folder}: ${name}`, async () => {
      const before = readFileSync(new URL(`${folder}/${file}`, ROOT));
      const after = readFileSync(new URL(`${folder}/${name}.after.eml`, ROOT));
      const fix = await fixMessage(before, { now: FIXTURE_NOW });
      assert.is(withoutRandomIds(fix.output), after.toString('latin1'));
      if (folder === 'signed') {
        assert.ok(fix.output.equals(before), 'a signed message is left byte for byte');
        assert.ok(fix.remaining.some((finding) => finding.check === FIX_SIGNED_MESSAGE));
      } else if (before.equals(after)) {
        assert.ok(fix.remaining.some((finding) => finding.check === folder), `${folder} is left for a person`);
      } else {
        assert.ok(fix.fixed.some((finding) => finding.check === folder), `${folder} was fixed`);
        // An LF-only draft is worth an info finding from line-ending, and is what the majority fix leaves.
        assert.not.ok(fix.remaining.some((finding) => finding.check === folder && finding.severity !== 'info'), `no ${folder} problem remains`);
      }
      const again = await fixMessage(after, { now: FIXTURE_NOW });
      assert.not.ok(again.changed, 'fixing the fixed message changes nothing');
    });
  }
}

fixtures('line-ending: in a mostly-LF file the sentence says what the edit does (LF), not CRLF', async () => {
  const before = readFileSync(new URL('line-ending/crlf-in-lf-message.before.eml', ROOT));
  const result = await lintMessage(before, { now: FIXTURE_NOW });
  const mixed = result.findings.find((finding) => finding.check === 'line-ending')!;
  assert.match(mixed.fix!, /^end every line in LF like most of the file/);
  assert.equal(mixed.edits!.map((edit) => edit.text), ['\n']);
});

fixtures.run();
