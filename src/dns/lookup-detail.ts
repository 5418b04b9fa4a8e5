import type { LookupResult } from './types.js';

/**
 * What went wrong in a failed lookup, for a message that already names the query. The network
 * resolver's details start with the query ("MX example.com: no answer …") so they stand alone in
 * logs and tests; in a finding that reads "MX lookup for example.com: … (MX example.com: …)".
 */
export function failureDetail(result: LookupResult): string {
  if (!('detail' in result) || !result.detail) return '';
  const prefix = `${result.query.type} ${result.query.name}: `;
  return result.detail.startsWith(prefix) ? result.detail.slice(prefix.length) : result.detail;
}
