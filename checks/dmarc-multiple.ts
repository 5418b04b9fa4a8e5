import { defineCheck } from '../src/define-check.js';

export default defineCheck({
  id: 'dmarc-multiple',
  title: 'Domain publishes more than one DMARC record',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'receivers apply no DMARC policy at all when _dmarc holds two records (RFC 7489 6.6.3), so a p=reject is lost; Gmail then answers "550 5.7.26" for bulk mail as if there were no record',
  references: ['RFC 7489 6.6.3'],
  needs: ['dmarc'],
  run({ dmarc }) {
    if (dmarc.records.length < 2) return [];
    const name = `_dmarc.${dmarc.policyDomain}`;
    return [
      {
        message: `${name} holds ${dmarc.records.length} DMARC records, so receivers apply none of them${dmarc.policyDomain === dmarc.domain ? '' : ` to ${dmarc.domain}`} (RFC 7489 6.6.3)`,
        fix: `keep one "v=DMARC1; …" TXT record at ${name} and delete the others`,
        data: { domain: dmarc.domain, name, records: dmarc.records.map((record) => record.text.slice(0, 200)) },
      },
    ];
  },
});
