import { defineCheck } from '../src/define-check.js';
import { isFailedLookup } from '../src/auth/txt.js';
import { describeFailedLookup } from '../src/dns/mx-facts.js';

export default defineCheck({
  id: 'ptr-mismatch',
  title: 'Sending IP\'s PTR name does not resolve back to it (no FCrDNS)',
  target: 'ip',
  defaultSeverity: 'error',
  prevents:
    'Gmail\'s "550 5.7.25" (it requires the PTR name to resolve back to the sending IP), and "450 4.7.1 Client host rejected: cannot find your hostname" from Postfix receivers with reject_unknown_client_hostname',
  references: ['RFC 1912 2.1', 'RFC 8601 (iprev)', 'Gmail email sender guidelines (2024)'],
  needs: ['ptr'],
  run({ ptr }) {
    if (ptr.names.length === 0 || ptr.names.some((entry) => entry.confirmed)) return [];
    const failed = ptr.names.find((entry) => entry.forward !== undefined && isFailedLookup(entry.forward));
    const type = ptr.family === 4 ? 'A' : 'AAAA';
    if (failed) {
      return [
        {
          message: `could not confirm the reverse DNS of ${ptr.address}: ${describeFailedLookup(failed.forward!)}; no other PTR name resolves back to it`,
          fix: 'retry later; if it persists, fix the nameservers of the PTR name, or point maillint at a working resolver (--resolver, --timeout)',
          data: { address: ptr.address, name: failed.name, status: failed.forward!.status },
        },
      ];
    }
    const reason = (entry: (typeof ptr.names)[number]): string => {
      if (entry.forward === undefined) return `not a name DNS can ask about: ${entry.unaskable}`;
      if (entry.forward.status === 'nxdomain') return 'does not exist';
      return entry.forward.status === 'nodata' ? `no ${type} record` : `${type} is someone else's`;
    };
    const described = ptr.names.map((entry) => `${entry.name} (${reason(entry)})`);
    const first = ptr.names[0]!.name;
    return [
      {
        message: `the PTR name of ${ptr.address} does not resolve back to it: ${described.join(', ')}. Receivers that check forward-confirmed reverse DNS (Gmail: "550 5.7.25") refuse its mail`,
        fix: `publish "${first}. ${type} ${ptr.address}", or have the PTR of ${ptr.address} changed to a name that has that ${type} record`,
        data: { address: ptr.address, names: ptr.names.map((entry) => entry.name) },
      },
    ];
  },
});
