// The `authentication` message fact: what receivers' SPF checks will say of a message sent from each
// of the run's sending IPs. check_host() runs on the envelope domain (Return-Path, else From, as the
// sending software will use it for MAIL FROM) and, where different, on the From domain.

import type { Resolver } from '../dns/types.js';
import type { ParsedMessage } from '../message/types.js';
import { addressFieldsOf } from '../message/address.js';
import { createDmarcEvaluationCache, gatherDmarcEvaluation, type DmarcEvaluation, type DmarcEvaluationCache } from './dmarc-evaluation.js';
import { envelopeSenderOf } from './envelope.js';
import { checkHost, type SpfVerdict } from './spf/check-host.js';

export interface SpfEvaluation {
  ip: string;
  domain: string;
  /** 'envelope': the MAIL FROM domain (Return-Path, else From); 'from': the From domain where it differs. */
  role: 'envelope' | 'from';
  /** The <sender> check_host() was given. */
  sender: string;
  /** The header field that names the domain, to point findings at. */
  fieldName: string;
  line: number;
  column: number;
  verdict: SpfVerdict;
}

export interface AuthenticationFacts {
  /** One evaluation per sending IP and judged domain, in IP order. */
  spf: SpfEvaluation[];
  /** The From domain's DMARC policy and the message's DKIM signatures; absent when From names no domain. */
  dmarc?: DmarcEvaluation;
}

/** check_host() verdicts shared across the messages of a run: (ip, domain, sender) is evaluated once. */
export type SpfVerdictCache = Map<string, Promise<SpfVerdict>>;

interface Identity {
  domain: string;
  sender: string;
  role: SpfEvaluation['role'];
  fieldName: string;
  line: number;
  column: number;
}

/** The From mailbox (the first, when it names several) and where its domain sits. */
function fromIdentity(message: ParsedMessage): Omit<Identity, 'role'> | undefined {
  for (const view of addressFieldsOf(message)) {
    if (view.role !== 'from') continue;
    const mailbox = view.parsed.mailboxes.find((candidate) => candidate.hostname !== undefined);
    if (mailbox === undefined) return undefined;
    const place = view.locate(mailbox.domainIndex);
    return { domain: mailbox.hostname!, sender: mailbox.address, fieldName: view.fieldName, line: place.line, column: place.column };
  }
  return undefined;
}

/** The identities SPF judges: the envelope's, then the From domain when it differs. */
export function spfIdentitiesOf(message: ParsedMessage): Identity[] {
  const from = fromIdentity(message);
  const envelope = envelopeSenderOf(message);
  const identities: Identity[] = [];
  if (envelope?.domain !== undefined) {
    identities.push({ domain: envelope.domain, sender: envelope.address, role: 'envelope', fieldName: 'Return-Path', line: envelope.line, column: envelope.column });
  } else if (from !== undefined && envelope === undefined) {
    // No Return-Path yet (a draft): the sending software will use the From address for MAIL FROM.
    identities.push({ ...from, role: 'envelope' });
  }
  if (from !== undefined && !identities.some((identity) => identity.domain === from.domain)) identities.push({ ...from, role: 'from' });
  return identities;
}

export async function gatherAuthentication(
  message: ParsedMessage,
  sendingIps: readonly string[],
  resolver: Resolver,
  now: Date,
  cache: SpfVerdictCache = new Map(),
  dmarcCache: DmarcEvaluationCache = createDmarcEvaluationCache(),
): Promise<AuthenticationFacts> {
  const identities = spfIdentitiesOf(message);
  const from = fromIdentity(message);
  const dmarc = from === undefined ? undefined : gatherDmarcEvaluation(message, from, resolver, dmarcCache, identities.map((identity) => identity.domain));
  const evaluations = sendingIps.flatMap((ip) =>
    identities.map(async (identity): Promise<SpfEvaluation> => {
      const key = `${ip} ${identity.domain} ${identity.sender}`;
      let verdict = cache.get(key);
      if (verdict === undefined) {
        verdict = checkHost(ip, identity.domain, identity.sender, resolver, { now });
        cache.set(key, verdict);
      }
      return { ip, ...identity, verdict: await verdict };
    }),
  );
  const spf = await Promise.all(evaluations);
  return dmarc === undefined ? { spf } : { spf, dmarc: await dmarc };
}
