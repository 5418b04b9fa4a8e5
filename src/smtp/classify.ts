// What a refusal means, shared by the checks so that one reply is reported by one check: a relay
// refusal to a sender who did not log in is smtp-auth-required, not smtp-recipient-rejected.

import type { SmtpFacts, SmtpReply } from './types.js';

const AUTH_WORDS = /relay|authenticat|\bauth\b|log ?in|sign ?in/i;

/** 530 (RFC 4954 6), or a 5.7.0/5.7.1 or 550/554 refusal that says relaying needs a login. */
export function isAuthenticationRequired(reply: SmtpReply): boolean {
  if (reply.code === 530) return true;
  if (reply.code < 500) return false;
  if (reply.status === '5.7.0' || reply.status === '5.7.1' || reply.code === 550 || reply.code === 554) return AUTH_WORDS.test(reply.text);
  return false;
}

/** 552 to MAIL, or 5.3.4 ("message too big for system") anywhere. */
export function isSizeRefusal(reply: SmtpReply, toMail: boolean): boolean {
  return reply.status === '5.3.4' || (toMail && reply.code === 552);
}

/** A refusal the auth-required check reports instead of the sender and recipient checks. */
export function reportedAsAuthRequired(facts: SmtpFacts, reply: SmtpReply): boolean {
  return !facts.credentials && isAuthenticationRequired(reply);
}

export function isRefusal(reply: SmtpReply): boolean {
  return reply.code >= 400;
}

/** The advertised SIZE limit in octets; 0 or absent means none (RFC 1870). */
export function sizeLimit(facts: SmtpFacts): number | undefined {
  const value = facts.extensions?.SIZE;
  if (value === undefined || !/^[0-9]+$/.test(value)) return undefined;
  const limit = Number(value);
  return limit > 0 ? limit : undefined;
}

/** "mail.example.com:587" as findings name the server. */
export function serverName(facts: SmtpFacts): string {
  return facts.host.includes(':') ? `[${facts.host}]:${facts.port}` : `${facts.host}:${facts.port}`;
}
