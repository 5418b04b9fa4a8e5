import { quote } from '../src/auth/spf/describe.js';
import { defineCheck } from '../src/define-check.js';

export default defineCheck({
  id: 'spf-multiple',
  title: 'More than one SPF record',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'an SPF permerror at every receiver (RFC 7208 4.5), so SPF never passes: Gmail\'s "550 5.7.26" when DKIM does not pass either, DMARC failures under p=quarantine or p=reject',
  references: ['RFC 7208 4.5', 'RFC 7208 3.2'],
  needs: ['spf'],
  run({ spf }) {
    const records = spf.root.records;
    if (records.length < 2) return [];
    return [
      {
        message: `${spf.domain} publishes ${records.length} SPF records (${records.map(quote).join(', ')}): a domain may have only one, so every receiver's SPF check ends in permerror`,
        fix: `merge them into one TXT record at ${spf.domain}: one "v=spf1", the mechanisms of both, one "all" at the end`,
        data: { domain: spf.domain, records },
      },
    ];
  },
});
