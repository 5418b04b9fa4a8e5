import { defineCheck } from '../src/define-check.js';

export default defineCheck({
  id: 'domain-nxdomain',
  title: 'Domain does not exist',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: '550 5.1.2 "Host or domain name not found" / "Domain not found" bounces from every sender',
  references: ['RFC 1035 4.1.1', 'RFC 2308 2.1', 'RFC 5321 5.1'],
  needs: ['mx'],
  run({ domain }) {
    // A resolver that denies the top-level domain too is not believed (dns-lookup-failed says so).
    if (domain.mx.status !== 'nxdomain' || domain.topLevelDomainDenied) return [];
    const server = domain.mx.server ? ` from ${domain.mx.server}` : '';
    return [
      {
        message: `${domain.domain} does not exist (NXDOMAIN${server}): mail to it bounces at once ("Host or domain name not found")`,
        fix: `check the spelling of ${domain.domain}; if the domain is yours, register it or publish its zone`,
        data: { domain: domain.domain },
      },
    ];
  },
});
