// The envelope a message will be sent with, and what it needs of the server: the sender from
// Sender (else From), the recipients from To, Cc and Bcc (each at the line that names it), the size,
// and whether the body is 8-bit or the header or an address needs SMTPUTF8.

import { addressFieldsOf } from '../message/address.js';
import type { ParsedMessage } from '../message/types.js';
import { isCommandSafe } from './target.js';
import type { EnvelopeRecipient, MessageNeeds } from './types.js';

/** Recipients a preflight sends RCPT for; a message naming more is refused past this by most servers anyway. */
export const MAX_ENVELOPE_RECIPIENTS = 1000;

export interface MessageEnvelope {
  from?: string;
  recipients: EnvelopeRecipient[];
  needs: MessageNeeds;
}

const NON_ASCII = /[^\u0000-\u007f]/;

export function envelopeOf(message: ParsedMessage): MessageEnvelope {
  const views = addressFieldsOf(message);
  const sender = views.find((view) => view.role === 'sender') ?? views.find((view) => view.role === 'from');
  const recipients: EnvelopeRecipient[] = [];
  const seen = new Set<string>();
  for (const view of views) {
    if (view.role !== 'to' && view.role !== 'cc' && view.role !== 'bcc') continue;
    for (const mailbox of view.parsed.mailboxes) {
      const key = mailbox.address.toLowerCase();
      // An address that would break the RCPT command is the address checks' to report, not to send.
      if (!isCommandSafe(mailbox.address) || seen.has(key) || recipients.length >= MAX_ENVELOPE_RECIPIENTS) continue;
      seen.add(key);
      recipients.push({ address: mailbox.address, line: view.locate(mailbox.addressIndex).line });
    }
  }
  const senderAddress = sender?.parsed.mailboxes[0]?.address;
  const from = senderAddress !== undefined && isCommandSafe(senderAddress) ? senderAddress : undefined;
  const needs: MessageNeeds = { size: message.size, eightBitBody: message.body.hasEightBit };
  const utf8Address = [from, ...recipients.map((recipient) => recipient.address)].find((address) => address !== undefined && NON_ASCII.test(address));
  if (utf8Address !== undefined) needs.utf8Reason = `the address ${utf8Address} is not ASCII`;
  else if (message.header.eightBit.length > 0) needs.utf8Reason = `the header has raw 8-bit (UTF-8) text at line ${message.header.eightBit[0]!.line}`;
  return { ...(from === undefined ? {} : { from }), recipients, needs };
}
