// The one table from bounce reason to the checks that prevent it (src/bounce/prevention.ts) names
// only ids of DESIGN.md's check catalogue, a public interface; the ids other branches have not
// added to the registry yet are printed, not failed.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../../checks/index.js';
import { PREVENTION } from '../../src/bounce/prevention.js';
import { BOUNCE_REASONS } from '../../src/bounce/types.js';

// Copied from section 4 of ../shared/DESIGN.md ("Check catalogue (ids are public interface: keep
// them)"), which CI does not have: update both together.
const CATALOGUE_IDS = [
  // Message checks
  'header-syntax', 'header-duplicate', 'date-missing', 'date-invalid', 'date-obsolete', 'date-skew', 'from-missing', 'from-invalid',
  'from-multiple', 'sender-invalid', 'address-invalid', 'address-obsolete', 'address-unquoted-display-name', 'address-special-use-domain',
  'address-typo-domain', 'recipient-missing', 'message-id-missing', 'message-id-invalid', 'subject-missing', 'line-too-long', 'line-ending',
  'header-non-ascii', 'encoded-word-invalid', 'header-size',
  // Domain checks
  'mx-cname', 'mx-ip-literal', 'mx-target-missing', 'mx-null', 'mx-null-mixed', 'mx-missing', 'mx-private-address', 'domain-nxdomain', 'dns-lookup-failed',
  // IP checks
  'dnsbl-listed', 'dnsbl-dynamic-ip', 'dnsbl-unusable',
  // Sender authentication
  'spf-missing', 'spf-multiple', 'spf-invalid', 'spf-too-many-lookups', 'spf-void-lookups', 'spf-permissive', 'spf-ptr', 'dmarc-missing',
  'dmarc-invalid', 'dmarc-multiple', 'dmarc-policy-none', 'dmarc-report-unauthorized', 'dkim-key-missing', 'dkim-key-invalid', 'dkim-key-weak',
  'ptr-missing', 'ptr-mismatch', 'ptr-generic', 'spf-not-authorized', 'dmarc-would-fail',
  // MIME checks
  'mime-version-missing', 'mime-boundary-missing', 'mime-boundary-invalid', 'mime-transfer-encoding-invalid', 'mime-8bit-undeclared',
  'mime-charset-invalid', 'mime-parameter-encoding', 'body-nul',
  // SMTP submission checks
  'smtp-unreachable', 'smtp-tls-unavailable', 'smtp-tls-certificate', 'smtp-auth-unavailable', 'smtp-auth-mechanism', 'smtp-auth-failed',
  'smtp-auth-required', 'smtp-sender-rejected', 'smtp-recipient-rejected', 'smtp-size-exceeded', 'smtp-utf8-unsupported', 'smtp-8bit-unsupported',
];

const tableIds = [...new Set(Object.values(PREVENTION).flatMap((prevention) => prevention.preventedBy))].sort();

test('every check id the prevention table names is in the DESIGN.md catalogue', () => {
  assert.equal(tableIds.filter((id) => !CATALOGUE_IDS.includes(id)), []);
});

test('the table has a row for every reason, and the reasons nothing prevents say so with an empty list', () => {
  assert.equal(Object.keys(PREVENTION).sort(), [...BOUNCE_REASONS].sort());
  assert.equal(PREVENTION.mailboxfull.preventedBy, []);
  assert.ok(PREVENTION.userunknown.preventedBy.includes('address-typo-domain'));
  for (const reason of BOUNCE_REASONS) assert.ok(PREVENTION[reason].remedy.endsWith('.'), reason);
});

test('ids of the table the registry does not have yet are listed (other branches add them)', () => {
  const registered = new Set(allChecks.map((check) => check.id));
  const pending = tableIds.filter((id) => !registered.has(id));
  console.log(`  prevention table: ${pending.length} ids not in the registry yet: ${pending.join(', ')}`);
  assert.ok(pending.every((id) => CATALOGUE_IDS.includes(id)));
});

test.run();
