import { defineCheck } from '../src/define-check.js';
import { isNullExchange, mxRecordsOf } from '../src/dns/mx-facts.js';


export default defineCheck({
  id: 'mx-null',
  title: 'Domain publishes a null MX: it accepts no mail',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: '556 5.1.10 "Recipient address has null MX" bounces, and 550 5.7.27 rejections of mail whose sender domain has a null MX',
  references: ['RFC 7505 3', 'RFC 7505 4.1', 'RFC 7505 4.2'],
  needs: ['mx'],
  run({ domain }) {
    const records = mxRecordsOf(domain.mx);
    if (records.length === 0 || !records.every((record) => isNullExchange(record.exchange))) return [];
    const preferences = [...new Set(records.map((record) => record.preference))];
    const oddPreference = preferences.some((preference) => preference !== 0)
      ? ` (written as "MX ${preferences.join('/')} ."; RFC 7505 says "MX 0 .")`
      : '';
    return [
      {
        message:
          `${domain.domain} publishes a null MX ("MX 0 .", RFC 7505)${oddPreference}: the domain accepts no mail. ` +
          `Mail to it bounces at once (556 5.1.10); as a From or envelope-sender domain, replies and bounces to it bounce too, ` +
          `and receivers may reject the message itself (550 5.7.27)`,
        fix: `if ${domain.domain} should receive mail, replace "MX 0 ." with MX records for its mail hosts; otherwise do not send to it or from it`,
        data: { domain: domain.domain },
      },
    ];
  },
});
