// The mail DNS of the domains a message names (From, Sender, Reply-To, To, Cc, Bcc), reported
// under the message at the header line that names each domain. Each domain is audited once per
// run, however many messages name it (the auditor memoises).

import { domainsNamedIn } from '../message/address.js';
import type { ParsedMessage } from '../message/types.js';
import type { ReportedFinding } from '../types.js';
import type { DomainAuditor } from './audit-domain.js';

export async function domainFindingsFor(message: ParsedMessage, auditor: DomainAuditor): Promise<ReportedFinding[]> {
  const places = domainsNamedIn(message);
  const perDomain = await Promise.all(
    places.map(async (place) =>
      (await auditor.audit(place.domain)).map((finding) => ({
        ...finding,
        line: place.line,
        column: place.column,
        message: finding.message.includes(place.domain)
          ? `${place.fieldName}: ${finding.message}`
          : `${place.fieldName} domain ${place.domain}: ${finding.message}`,
      })),
    ),
  );
  return perDomain.flat();
}
