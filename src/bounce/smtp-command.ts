// Which SMTP command (RFC 5321 3.3) the receiving server refused, as each mail system reports it.

export type SmtpCommand = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA';

const COMMAND_PHRASES: ReadonlyArray<[RegExp, SmtpCommand]> = [
  // Postfix: "(in reply to end of DATA command)", "(in reply to RCPT TO command)".
  [/in reply to (?:end of )?data command/i, 'DATA'],
  [/in reply to rcpt to command/i, 'RCPT'],
  [/in reply to mail from command/i, 'MAIL'],
  [/in reply to (?:helo|ehlo) command/i, 'HELO'],
  // Exim: "SMTP error from remote mail server after end of data / RCPT TO / MAIL FROM / initial connection".
  [/after (?:end of data|data)\b/i, 'DATA'],
  [/after rcpt to\b/i, 'RCPT'],
  [/after mail from\b/i, 'MAIL'],
  [/after (?:initial connection|helo|ehlo)\b/i, 'CONN'],
  // RFC 5321 3.1: a server that refuses the session says so in (or right after) its 220 greeting.
  [/^220[ -].*\b[45]\d\d[ -][45]\.\d/, 'CONN'],
  // qmail: "Connected to ... but my name was rejected" (HELO); "... does not like recipient" (RCPT).
  [/my name was rejected/i, 'HELO'],
  [/does not like recipient/i, 'RCPT'],
  [/sender is rejected|but sender was rejected/i, 'MAIL'],
  // DragonFly Mail Agent, OpenSMTPD: "did not like our RCPT TO:".
  [/did not like our rcpt to/i, 'RCPT'],
  [/did not like our mail from/i, 'MAIL'],
  [/did not like our data/i, 'DATA'],
];

/** The last command of a Sendmail transcript (`>>> DATA`) before the reply, else the phrases above. */
export function smtpCommandOf(fullText: string): SmtpCommand | undefined {
  // The command is named near the reply, in the report's first screens; not deep in a hostile one.
  const text = fullText.slice(0, 20_000);
  const transcript = [...text.matchAll(/^>>> (DATA|RCPT|MAIL|HELO|EHLO)\b/gim)].at(-1)?.[1]?.toUpperCase();
  if (transcript) return transcript === 'EHLO' ? 'HELO' : (transcript as SmtpCommand);
  // m-FILTER writes the command on its own line under "-------SMTP command".
  const mfilter = /-+\s*SMTP command\s*\n\s*(DATA|RCPT|MAIL|HELO|EHLO)/i.exec(text)?.[1]?.toUpperCase();
  if (mfilter) return mfilter === 'EHLO' ? 'HELO' : (mfilter as SmtpCommand);
  return COMMAND_PHRASES.find(([pattern]) => pattern.test(text))?.[1];
}
