// What one SMTP submission dialogue found out (src/smtp/dialogue.ts gathers it): the facts the
// smtp-* checks read. Every server text in here is already escaped and capped (reply.ts), and no
// field ever holds the password.

export type SmtpTlsMode = 'starttls' | 'implicit' | 'none';

/** The SASL mechanisms `--auth` names. NTLM (Outlook's "SPA") is named only so a check can explain it. */
export const SASL_MECHANISMS = ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2', 'NTLM'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** The step of the dialogue a deadline, a drop or a refusal happened at. */
export type SmtpStage = 'connect' | 'banner' | 'ehlo' | 'starttls' | 'tls-handshake' | 'auth' | 'mail' | 'rcpt' | 'rset' | 'quit';

export interface SmtpReply {
  code: number;
  /** RFC 3463 enhanced status code ("5.7.8"), when the reply has one. */
  status?: string;
  /** The reply's text, lines joined by " / ", control characters escaped, capped. */
  text: string;
}

export type TlsOutcome =
  | { kind: 'ok'; protocol: string }
  | { kind: 'not-offered' }
  /** STARTTLS refused, or the handshake failed or stalled for a reason other than the certificate. */
  | { kind: 'failed'; reason: string; reply?: SmtpReply }
  | { kind: 'certificate'; problem: 'untrusted' | 'host-name' | 'expired' | 'not-yet-valid'; reason: string };

export type AuthOutcome =
  /** Credentials were given but the server offers no AUTH (after TLS). */
  | { kind: 'not-offered' }
  /** The mechanism asked for is not among the server's (or is NTLM, which maillint does not speak). */
  | { kind: 'mechanism-not-offered'; mechanism: SaslMechanism; offered: readonly string[] }
  /** STARTTLS failed or was missing: credentials are never sent in the clear unless --tls none. */
  | { kind: 'withheld-without-tls' }
  | { kind: 'accepted'; mechanism: SaslMechanism; reply: SmtpReply }
  | { kind: 'refused'; mechanism: SaslMechanism; reply: SmtpReply };

export interface EnvelopeRecipient {
  address: string;
  /** Line of the message header field that names it (with --message). */
  line?: number;
}

export interface RecipientResult extends EnvelopeRecipient {
  reply: SmtpReply;
}

/** What the message needs of the server, from its bytes (with --message). */
export interface MessageNeeds {
  size: number;
  /** The body has octets above 127: BODY=8BITMIME. */
  eightBitBody: boolean;
  /** Why SMTPUTF8 is needed (a non-ASCII address, raw UTF-8 in the header), or undefined. */
  utf8Reason?: string;
}

export interface SmtpFacts {
  host: string;
  port: number;
  tlsMode: SmtpTlsMode;
  /** A user and a password were given: the dialogue logs in. */
  credentials: boolean;
  /** The dialogue never got going: no connection, no banner within the deadline, or a refusing banner. */
  unreachable?: { stage: SmtpStage; reason: string; reply?: SmtpReply };
  banner?: SmtpReply;
  /** EHLO keywords (upper case) and their parameters, from the last EHLO (the one after TLS). */
  extensions?: Readonly<Record<string, string>>;
  tls?: TlsOutcome;
  auth?: AuthOutcome;
  /** --tls none with credentials: they went over the wire in the clear. */
  credentialsInClear?: boolean;
  envelope: { from?: string; recipients: readonly EnvelopeRecipient[] };
  message?: MessageNeeds;
  mail?: { parameters: readonly string[]; reply: SmtpReply };
  recipients: readonly RecipientResult[];
  /** The dialogue broke off after the banner: a deadline, a dropped connection, garbage, a 421. */
  interrupted?: { stage: SmtpStage; reason: string; reply?: SmtpReply };
}
