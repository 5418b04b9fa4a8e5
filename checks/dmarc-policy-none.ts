import { defineCheck } from '../src/define-check.js';
import { effectivePolicy } from '../src/auth/dmarc-policy.js';

export default defineCheck({
  id: 'dmarc-policy-none',
  title: 'DMARC policy is p=none (monitoring only)',
  target: 'domain',
  defaultSeverity: 'info',
  prevents: 'mail forged in the domain\'s name being delivered: p=none asks receivers to take no action on mail that fails DMARC',
  references: ['RFC 7489 6.3', 'RFC 7489 6.6.3'],
  needs: ['dmarc'],
  run({ dmarc }) {
    if (dmarc.records.length !== 1 || dmarc.policyDomain === undefined) return [];
    const record = dmarc.records[0]!;
    if (effectivePolicy(record, dmarc.domain, dmarc.policyDomain) !== 'none') return [];
    const tag = dmarc.domain !== dmarc.policyDomain && record.subdomainPolicy !== undefined ? 'sp=none' : 'p=none';
    // Monitoring needs someone to read the aggregate reports: without rua= nobody hears of the failures.
    const reported = record.reportUris.some((uri) => uri.tag === 'rua') ? ' (only reported to its rua= address)' : ', and with no rua= address nobody is told of it';
    return [
      {
        message: `the DMARC policy of ${dmarc.domain} is ${tag} (at _dmarc.${dmarc.policyDomain}): receivers deliver mail that fails DMARC, so forged mail in its name still gets through${reported}`,
        fix: 'once the aggregate reports show every legitimate sender passing SPF or DKIM aligned, move to p=quarantine, then p=reject',
        data: { domain: dmarc.domain, policyDomain: dmarc.policyDomain },
      },
    ];
  },
});
