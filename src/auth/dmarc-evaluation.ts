// The DMARC side of the `authentication` message fact (RFC 7489 3.1, 6.6): the policy of the From
// domain, and the DKIM signatures the message carries with the state of each one's key, so
// dmarc-would-fail can tell whether receivers will find an aligned SPF pass or DKIM signature.

import type { Resolver } from '../dns/types.js';
import type { ParsedMessage } from '../message/types.js';
import { dkimSignersOf, type DkimSigner } from './dkim-signature.js';
import type { DkimKeyFacts } from './dkim-types.js';
import type { DmarcFacts } from './dmarc-types.js';
import { gatherDkimKeys } from './gather-dkim.js';
import { gatherDmarcFacts } from './gather-dmarc.js';
import { organizationalDomain } from './organizational-domain.js';
import { isFailedLookup } from './txt.js';

export interface SignatureEvaluation extends DkimSigner {
  /** 'usable': a key receivers can verify with; 'unusable': missing, revoked, broken or too short; 'unknown': its lookup failed. */
  key: 'usable' | 'unusable' | 'unknown';
}

export interface DmarcEvaluation {
  /** The From domain (first From mailbox) and where it is written. */
  fromDomain: string;
  line: number;
  column: number;
  policy: DmarcFacts;
  signatures: SignatureEvaluation[];
  /** The organizational domain of every domain alignment compares (From, signers, envelope, signingDomains). */
  organizations: Record<string, string>;
}

/** Policies and keys shared across a run's messages (the resolver answers each question once anyway; this saves the parsing). */
export interface DmarcEvaluationCache {
  policies: Map<string, Promise<DmarcFacts>>;
  keys: Map<string, Promise<DkimKeyFacts>>;
}

export function createDmarcEvaluationCache(): DmarcEvaluationCache {
  return { policies: new Map(), keys: new Map() };
}

function keyState(facts: DkimKeyFacts): SignatureEvaluation['key'] {
  if (facts.lookup === undefined || isFailedLookup(facts.lookup)) return 'unknown';
  const key = facts.key;
  if (key === undefined || key.revoked || key.problems.some((problem) => problem.severity === 'error')) return 'unusable';
  return key.rsaBits !== undefined && key.rsaBits < 1024 ? 'unusable' : 'usable';
}

function cached<Value>(cache: Map<string, Promise<Value>>, key: string, make: () => Promise<Value>): Promise<Value> {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export async function gatherDmarcEvaluation(
  message: ParsedMessage,
  from: { domain: string; line: number; column: number },
  resolver: Resolver,
  cache: DmarcEvaluationCache,
  otherDomains: readonly string[] = [],
): Promise<DmarcEvaluation> {
  const signers = dkimSignersOf(message).slice(0, 10);
  const [policy, keys] = await Promise.all([
    cached(cache.policies, from.domain, () => gatherDmarcFacts(from.domain, resolver)),
    Promise.all(
      signers.map((signer) =>
        cached(cache.keys, `${signer.selector}._domainkey.${signer.domain}`, async () => (await gatherDkimKeys(signer.domain, [signer.selector], resolver))[0]!),
      ),
    ),
  ]);
  return {
    fromDomain: from.domain,
    line: from.line,
    column: from.column,
    policy,
    signatures: signers.map((signer, index) => ({ ...signer, key: keyState(keys[index]!) })),
    organizations: Object.fromEntries(
      [from.domain, ...signers.map((signer) => signer.domain), ...otherDomains].map((domain) => [domain, organizationalDomain(domain)]),
    ),
  };
}
