// The explicit registry of checks: a check exists when it is listed here (and has its doc page
// checks/<id>.md and its fixtures test/fixtures/<id>/, which test/registry.test.ts enforces).

import type { Check } from '../src/types.js';
import dateInvalid from './date-invalid.js';
import dateMissing from './date-missing.js';
import dateObsolete from './date-obsolete.js';
import dateSkew from './date-skew.js';
import dnsblDynamicIp from './dnsbl-dynamic-ip.js';
import dnsblListed from './dnsbl-listed.js';
import dnsblUnusable from './dnsbl-unusable.js';
import subjectMissing from './subject-missing.js';

export const allChecks: readonly Check[] = [
  dateMissing,
  dateInvalid,
  dateObsolete,
  dateSkew,
  dnsblListed,
  dnsblDynamicIp,
  dnsblUnusable,
  subjectMissing,
];
