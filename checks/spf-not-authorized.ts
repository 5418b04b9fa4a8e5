import type { SpfEvaluation } from '../src/auth/authentication.js';
import { quote } from '../src/auth/spf/describe.js';
import type { DmarcEvaluation } from '../src/auth/dmarc-evaluation.js';
import { effectivePolicy } from '../src/auth/dmarc-policy.js';
import { defineCheck } from '../src/define-check.js';
import type { Finding, ReportedSeverity } from '../src/types.js';

const REPORTED = new Set(['fail', 'softfail', 'none']);

function meaning(evaluation: SpfEvaluation): string {
  const { verdict, domain, ip } = evaluation;
  if (verdict.result === 'none') return `${domain} publishes no SPF record, so nothing says ${ip} may send for it`;
  const matched = verdict.mechanism === undefined ? '' : ` (${quote(verdict.mechanism)} matched)`;
  const explanation = verdict.explanation === undefined ? '' : `; the domain explains: ${quote(verdict.explanation)}`;
  return `the SPF record of ${domain} does not list ${ip}${matched}${explanation}`;
}

/**
 * Error where the From domain's DMARC policy is quarantine or reject (the mail is refused or junked
 * unless DKIM passes aligned), warning otherwise.
 */
function severityOf(dmarc: DmarcEvaluation | undefined): ReportedSeverity {
  const record = dmarc?.policy.records.length === 1 ? dmarc.policy.records[0]! : undefined;
  if (dmarc === undefined || record === undefined || dmarc.policy.policyDomain === undefined) return 'warn';
  const policy = effectivePolicy(record, dmarc.fromDomain, dmarc.policy.policyDomain);
  return policy === 'quarantine' || policy === 'reject' ? 'error' : 'warn';
}

export default defineCheck({
  id: 'spf-not-authorized',
  title: 'A sending IP is not authorized by SPF',
  target: 'message',
  defaultSeverity: 'error',
  prevents:
    'Gmail\'s "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy" (and the same from Yahoo and Microsoft) when DKIM does not pass either; "550 5.7.26 … the sender is unauthenticated" without DMARC',
  references: ['RFC 7208 2.6', 'RFC 7208 4', 'RFC 7489 3.1.2'],
  needs: ['authentication'],
  run({ authentication }) {
    const findings: Finding[] = [];
    for (const evaluation of authentication.spf) {
      const { verdict } = evaluation;
      if (!REPORTED.has(verdict.result)) continue;
      const identity = evaluation.role === 'envelope' ? `envelope domain ${evaluation.domain}` : `From domain ${evaluation.domain}`;
      findings.push({
        message: `SPF ${verdict.result} for mail from ${evaluation.ip} as ${identity}: ${meaning(evaluation)}`,
        line: evaluation.line,
        column: evaluation.column,
        severity: severityOf(authentication.dmarc),
        fix:
          verdict.result === 'none'
            ? `publish an SPF record at ${evaluation.domain} that lists ${evaluation.ip} (e.g. "v=spf1 ip4:… -all")`
            : `add ${evaluation.ip} to the SPF record of ${evaluation.domain} (ip4:/ip6:, or the include: of the service that sends from it), or send from a listed host`,
        data: { ip: evaluation.ip, domain: evaluation.domain, role: evaluation.role, result: verdict.result, mechanism: verdict.mechanism, lookups: verdict.lookups },
      });
    }
    return findings;
  },
});
