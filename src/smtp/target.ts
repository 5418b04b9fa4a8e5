// `HOST[:PORT]` as `maillint smtp` takes it: a host name, an IPv4 address, or a bracketed IPv6
// address, and a port (587 when absent). Anything else is refused before any connection is made.

import { ipFamilyOf } from '../net/ip-text.js';
import { validateDnsLabel, validateHostname } from '../dns/hostname.js';
import { quoteUserText } from '../input/quote.js';

export const SUBMISSION_PORT = 587;
/** RFC 8314: submission over implicit TLS. */
export const IMPLICIT_TLS_PORT = 465;

export class InvalidSmtpTargetError extends Error {
  override name = 'InvalidSmtpTargetError';
}

export function parsePort(text: string, what: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new InvalidSmtpTargetError(`${what}: the port must be a whole number from 1 to 65535, not ${quoteUserText(text)}`);
  }
  return Number(text);
}

export function parseSmtpTarget(text: string): { host: string; port: number | undefined } {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  const colons = text.split(':').length - 1;
  let host: string;
  let port: string | undefined;
  if (bracketed) [host, port] = [bracketed[1]!, bracketed[2]];
  else if (colons === 1) [host, port] = text.split(':') as [string, string];
  else if (colons > 1 && ipFamilyOf(text) === 6) host = text;
  else host = text;
  const shown = quoteUserText(text);
  if (bracketed && ipFamilyOf(host) !== 6) throw new InvalidSmtpTargetError(`${shown} is not a host: brackets hold an IPv6 address, as in [2001:db8::25]:587`);
  // A server may have a local name (localhost, a search-domain name): one label is enough here.
  if (ipFamilyOf(host) === 0 && /^[A-Za-z0-9-]+\.?$/.test(host) && validateDnsLabel(host.replace(/\.$/, '')).ok) {
    host = host.replace(/\.$/, '').toLowerCase();
  } else if (ipFamilyOf(host) === 0) {
    const result = validateHostname(host);
    if (!result.ok) throw new InvalidSmtpTargetError(`${shown} is not HOST[:PORT]: ${result.reason}`);
    host = result.normalized;
  }
  return { host, port: port === undefined ? undefined : parsePort(port, shown) };
}

// What goes into MAIL FROM, RCPT TO and EHLO: a CR or LF there would end the command and start
// another (DATA among them), so such text is refused before any connection.
const COMMAND_UNSAFE = /[\u0000-\u001f\u007f<>]/;

/** An envelope address as given (`--from`, `--to`, the API): one address, no brackets, no controls. */
export function checkEnvelopeAddress(address: string, what: string): void {
  if (address === '' && what === '--from') return; // the null reverse-path, <>
  if (COMMAND_UNSAFE.test(address) || /\s/.test(address.replace(/"[^"]*"/g, '')) || !address.includes('@') || address.length > 320) {
    throw new InvalidSmtpTargetError(`${what} ${quoteUserText(address)} is not one address as MAIL FROM and RCPT TO take it (local@domain, no brackets or control characters)`);
  }
}

/** The EHLO name: a host name or an address literal, no spaces or controls. */
export function checkHeloName(name: string): void {
  if (name === '' || name.length > 255 || /[\u0000-\u0020\u007f]/.test(name)) {
    throw new InvalidSmtpTargetError(`--helo ${quoteUserText(name)} is not a host name or address literal`);
  }
}

/** Message addresses that cannot go into a command as they are (the lint checks report them). */
export function isCommandSafe(address: string): boolean {
  return !COMMAND_UNSAFE.test(address);
}
