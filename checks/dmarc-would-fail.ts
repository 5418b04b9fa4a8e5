import type { SpfEvaluation } from '../src/auth/authentication.js';
import type { DmarcEvaluation } from '../src/auth/dmarc-evaluation.js';
import { aligned, effectivePolicy } from '../src/auth/dmarc-policy.js';
import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

/** Why the SPF side gives no aligned pass for this IP, in words. */
function spfSide(evaluation: SpfEvaluation | undefined, fromDomain: string, mode: 'r' | 's'): string {
  if (evaluation === undefined) return 'no envelope domain to check SPF on';
  const { domain, verdict } = evaluation;
  if (verdict.result !== 'pass') return `SPF ${verdict.result} for envelope domain ${domain}`;
  return `SPF passes for envelope domain ${domain}, which is not aligned with ${fromDomain} (${mode === 's' ? 'aspf=s: it must be the same domain' : 'another organizational domain'})`;
}

function dkimSide(dmarc: DmarcEvaluation, mode: 'r' | 's', signingDomains: readonly string[]): string {
  const alignedOnes = dmarc.signatures.filter((signature) => aligned(signature.domain, dmarc.fromDomain, mode, dmarc.organizations));
  if (alignedOnes.length > 0) return `the DKIM key of every aligned signature is missing or unusable (${alignedOnes.map((signature) => `s=${signature.selector} d=${signature.domain}`).join(', ')})`;
  if (dmarc.signatures.length > 0) return `no DKIM signature aligned with ${dmarc.fromDomain} (signed by ${[...new Set(dmarc.signatures.map((signature) => signature.domain))].join(', ')})`;
  return signingDomains.length > 0 ? `no DKIM signature, and none of the signingDomains option (${signingDomains.join(', ')}) is aligned` : 'no DKIM-Signature';
}

export default defineCheck({
  id: 'dmarc-would-fail',
  title: 'Mail from this IP would fail DMARC under the From domain\'s policy',
  target: 'message',
  defaultSeverity: 'error',
  prevents:
    'Gmail\'s "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy", Yahoo\'s "554 5.7.9 Message not accepted for policy reasons", Microsoft\'s "550 5.7.509 Access denied, sending domain does not pass DMARC verification"; quarantine: the spam folder',
  references: ['RFC 7489 3.1', 'RFC 7489 4.2', 'RFC 7489 6.6.2'],
  needs: ['authentication'],
  options: {
    signingDomains: {
      type: 'string[]',
      default: [],
      description: 'Domains your sending service signs with (DKIM d=) after maillint has seen the message: an unsigned draft counts as signed by them',
    },
  },
  run({ authentication, options }) {
    const dmarc = authentication.dmarc;
    const policyDomain = dmarc?.policy.policyDomain;
    if (dmarc === undefined || policyDomain === undefined || dmarc.policy.records.length !== 1) return [];
    const record = dmarc.policy.records[0]!;
    const policy = effectivePolicy(record, dmarc.fromDomain, policyDomain);
    if (policy !== 'quarantine' && policy !== 'reject') return [];
    const signingDomains = options.signingDomains.map((domain) => domain.toLowerCase());
    const dkimPasses =
      dmarc.signatures.some((signature) => signature.key !== 'unusable' && aligned(signature.domain, dmarc.fromDomain, record.adkim, dmarc.organizations)) ||
      (dmarc.signatures.length === 0 && signingDomains.some((domain) => aligned(domain, dmarc.fromDomain, record.adkim, dmarc.organizations)));
    if (dkimPasses) return [];
    const findings: Finding[] = [];
    const ips = [...new Set(authentication.spf.map((evaluation) => evaluation.ip))];
    for (const ip of ips) {
      const envelope = authentication.spf.find((evaluation) => evaluation.ip === ip && evaluation.role === 'envelope');
      // A temperror proves nothing either way: the failed lookup is counted by the run and reported by the spf checks.
      if (envelope?.verdict.result === 'temperror') continue;
      if (envelope?.verdict.result === 'pass' && aligned(envelope.domain, dmarc.fromDomain, record.aspf, dmarc.organizations)) continue;
      findings.push({
        message:
          `mail from ${ip} would fail DMARC for ${dmarc.fromDomain} (p=${policy} at _dmarc.${policyDomain}): ${spfSide(envelope, dmarc.fromDomain, record.aspf)}, ` +
          `and ${dkimSide(dmarc, record.adkim, signingDomains)}. Gmail answers "550 5.7.26"${policy === 'quarantine' ? ' or files it as spam' : ''}`,
        line: dmarc.line,
        column: dmarc.column,
        fix: `sign the message with DKIM as ${dmarc.fromDomain} (d=${dmarc.fromDomain}, or a subdomain under relaxed alignment), or send with an envelope (Return-Path) domain in ${dmarc.fromDomain}'s organization whose SPF record lists ${ip}`,
        data: { ip, fromDomain: dmarc.fromDomain, policy, policyDomain, spf: envelope?.verdict.result, envelopeDomain: envelope?.domain },
      });
    }
    return findings;
  },
});
