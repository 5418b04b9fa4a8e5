import { defineCheck } from '../src/define-check.js';
import { problemFinding, type AddressFieldView } from '../src/message/address.js';
import type { Finding } from '../src/types.js';

/** From and Sender syntax belongs to from-invalid and sender-invalid; every address's delivery rules belong here. */
const SYNTAX_ROLES = new Set<AddressFieldView['role']>(['reply-to', 'to', 'cc', 'bcc', 'standalone']);

function invalidAddressFindings(addresses: readonly AddressFieldView[]): Finding[] {
  const findings: Finding[] = [];
  for (const view of addresses) {
    for (const problem of view.parsed.problems) {
      if (problem.category === 'address' || (problem.category === 'syntax' && SYNTAX_ROLES.has(view.role))) {
        findings.push(problemFinding(view, problem));
      }
    }
  }
  return findings;
}

export default defineCheck({
  id: 'address-invalid',
  title: 'Address cannot be delivered as written',
  target: 'address',
  defaultSeverity: 'error',
  prevents: '501 5.1.3 "Bad recipient address syntax", 553 5.1.3, 550 5.1.1 and 550 5.1.2 bounces: unparseable recipients, over-long local parts and addresses, domains that are no host names; warns about quoted local parts, IP literals and non-ASCII addresses',
  references: ['RFC 5322 3.4', 'RFC 5322 3.4.1', 'RFC 5321 4.1.2', 'RFC 5321 4.1.3', 'RFC 5321 4.5.3.1', 'RFC 1123 2.1', 'RFC 6531'],
  needs: [],
  run({ addresses }) {
    return invalidAddressFindings(addresses);
  },
});
