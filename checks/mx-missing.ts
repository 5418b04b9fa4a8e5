import { defineCheck } from '../src/define-check.js';
import { addressesOf, isDefinitelyEmpty } from '../src/dns/mx-facts.js';


export default defineCheck({
  id: 'mx-missing',
  title: 'Domain has no MX record',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: '"Host or domain name not found" / 550 5.1.2 bounces when the domain has no MX and no address; with an address only, mail depends on the implicit-MX fallback',
  references: ['RFC 5321 5.1', 'RFC 7505 3'],
  needs: ['mx'],
  run({ domain }) {
    if (domain.mx.status !== 'nodata') return [];
    const addresses = [...addressesOf(domain.a), ...addressesOf(domain.aaaa)];
    if (addresses.length > 0) {
      const shown = addresses.slice(0, 3).join(', ') + (addresses.length > 3 ? ', …' : '');
      return [
        {
          severity: 'warn',
          message:
            `${domain.domain} has no MX record: senders fall back to its own address (${shown}, the implicit MX of RFC 5321 5.1). ` +
            `That works only if that host runs a mail server; many domains with no MX mean to receive no mail`,
          fix: `publish "${domain.domain}. MX 10 <mail host>." for the host that receives its mail, or "${domain.domain}. MX 0 ." if it receives none`,
          data: { domain: domain.domain, implicitMx: addresses },
        },
      ];
    }
    if (!isDefinitelyEmpty(domain.a) || !isDefinitelyEmpty(domain.aaaa)) return [];
    return [
      {
        severity: 'error',
        message: `${domain.domain} has no MX record and no A or AAAA record: there is no host to deliver to, so mail to it bounces ("Host or domain name not found")`,
        fix: `publish "${domain.domain}. MX 10 <mail host>." for the host that receives its mail, or "${domain.domain}. MX 0 ." to say it receives none`,
        data: { domain: domain.domain },
      },
    ];
  },
});
