import { defineCheck } from '../src/define-check.js';
import { isFailedLookup } from '../src/auth/txt.js';
import { describeFailedLookup } from '../src/dns/mx-facts.js';

export default defineCheck({
  id: 'ptr-missing',
  title: 'Sending IP has no reverse DNS (PTR)',
  target: 'ip',
  defaultSeverity: 'error',
  prevents:
    'Gmail\'s "550 5.7.25 The IP address sending this message does not have a PTR record setup", and the same refusal at Yahoo, Microsoft and many smaller receivers',
  references: ['RFC 1912 2.1', 'RFC 8499 (PTR)', 'Gmail email sender guidelines (2024)'],
  needs: ['ptr'],
  run({ ptr }) {
    if (ptr.lookup === undefined) {
      if (ptr.notAsked?.includes('outside the zone files')) {
        return [{ severity: 'info', message: `not checked: the reverse DNS of ${ptr.address} (${ptr.notAsked})`, data: { reverseName: ptr.reverseName } }];
      }
      return [];
    }
    if (isFailedLookup(ptr.lookup)) {
      return [
        {
          message: `could not check the reverse DNS of ${ptr.address}: ${describeFailedLookup(ptr.lookup)}; the ptr-* checks were not made`,
          fix: 'retry later; if it persists, ask the owner of the address block to fix its reverse zone, or point maillint at a working resolver (--resolver, --timeout)',
          data: { query: ptr.lookup.query, status: ptr.lookup.status },
        },
      ];
    }
    if (ptr.names.length > 0) return [];
    const type = ptr.family === 4 ? 'A' : 'AAAA';
    return [
      {
        message: `${ptr.address} has no PTR record (${ptr.reverseName} ${ptr.lookup.status === 'nxdomain' ? 'does not exist' : 'has no PTR'}): Gmail refuses its mail with "550 5.7.25", and most large receivers do the same`,
        fix: `ask whoever assigned ${ptr.address} (your hosting or access provider) to set its PTR to the mail server's name, a name whose ${type} record is ${ptr.address}; or send through a relay that has one`,
        data: { address: ptr.address, reverseName: ptr.reverseName, status: ptr.lookup.status },
      },
    ];
  },
});
