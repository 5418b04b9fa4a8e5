import { defineCheck } from '../src/define-check.js';
import { describeMx, isNullExchange, mxRecordsOf } from '../src/dns/mx-facts.js';


export default defineCheck({
  id: 'mx-null-mixed',
  title: 'Null MX published beside other MX records',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: 'mail that some senders bounce (556 5.1.10, honouring the null MX) while others deliver it: the domain\'s mail works only sometimes',
  references: ['RFC 7505 3', 'RFC 7505 4.3'],
  needs: ['mx'],
  run({ domain }) {
    const records = mxRecordsOf(domain.mx);
    const nulls = records.filter((record) => isNullExchange(record.exchange));
    const others = records.filter((record) => !isNullExchange(record.exchange));
    if (nulls.length === 0 || others.length === 0) return [];
    const nullText = nulls.map((record) => `"MX ${record.preference} ."`).join(', ');
    const otherText = others.map((record) => describeMx(record.preference, record.exchange)).join(', ');
    return [
      {
        message:
          `${domain.domain} publishes a null MX (${nullText}) beside other MX records (${otherText}): ` +
          `RFC 7505 says a null MX must be the only MX, and senders disagree on which wins, so some bounce mail to it and some deliver it`,
        fix: `remove ${nullText} from ${domain.domain} if it receives mail; otherwise remove ${otherText}`,
        data: { domain: domain.domain, nullMx: nulls.length, otherMx: others.map((record) => record.exchange) },
      },
    ];
  },
});
