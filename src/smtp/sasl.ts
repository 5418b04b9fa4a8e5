// The SASL exchanges of AUTH (RFC 4954): PLAIN (RFC 4616), LOGIN, CRAM-MD5 (RFC 2195) and XOAUTH2
// (the password is the access token). Every line that carries a secret has a redacted twin for the
// transcript: the password never reaches a log, a report or an error.

import { createHmac } from 'node:crypto';
import type { SaslMechanism } from './types.js';

export interface SaslStep {
  /** What goes on the wire. */
  line: string;
  /** What the transcript shows. */
  shown: string;
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The AUTH command, with the initial response where the mechanism has one. */
export function firstStep(mechanism: Exclude<SaslMechanism, 'NTLM'>, user: string, password: string): SaslStep {
  switch (mechanism) {
    case 'PLAIN':
      return { line: `AUTH PLAIN ${base64(`\u0000${user}\u0000${password}`)}`, shown: 'AUTH PLAIN <redacted>' };
    case 'XOAUTH2':
      return { line: `AUTH XOAUTH2 ${base64(`user=${user}\u0001auth=Bearer ${password}\u0001\u0001`)}`, shown: 'AUTH XOAUTH2 <redacted>' };
    case 'LOGIN':
      return { line: 'AUTH LOGIN', shown: 'AUTH LOGIN' };
    case 'CRAM-MD5':
      return { line: 'AUTH CRAM-MD5', shown: 'AUTH CRAM-MD5' };
  }
}

/** The answer to a 334 challenge (`challenge` is its base64 text); index counts the 334s so far. */
export function answerChallenge(mechanism: Exclude<SaslMechanism, 'NTLM'>, challenge: string, index: number, user: string, password: string): SaslStep {
  if (mechanism === 'LOGIN') {
    return index === 0 ? { line: base64(user), shown: '<redacted user name>' } : { line: base64(password), shown: '<redacted>' };
  }
  if (mechanism === 'CRAM-MD5' && index === 0) {
    const digest = createHmac('md5', password).update(Buffer.from(challenge, 'base64')).digest('hex');
    return { line: base64(`${user} ${digest}`), shown: '<redacted>' };
  }
  // XOAUTH2 answers a failure's 334 (a JSON error) with an empty line, and so does anything unexpected.
  return { line: '', shown: '' };
}

/** Every form of the secret that went on the wire, so no reply that echoes one can carry it out. */
export function secretForms(user: string, password: string): string[] {
  if (password === '') return [];
  return [password, base64(password), base64(`\u0000${user}\u0000${password}`), base64(`user=${user}\u0001auth=Bearer ${password}\u0001\u0001`)];
}
