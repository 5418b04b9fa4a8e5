// What must hold for any text given to the address layer (issue 6 item 1): parseAddressList never
// throws, in every mode, and every problem it reports says something and points inside the text.

import { parseAddressList, type ParseAddressOptions } from '../../src/message/address-list.js';

export const ADDRESS_MODES: readonly ParseAddressOptions[] = [{}, { standalone: true }, { allowEmpty: true }];

/** Returns what is wrong, or undefined. Throws only if parseAddressList itself throws. */
export function addressInvariantViolation(text: string): string | undefined {
  for (const mode of ADDRESS_MODES) {
    const parsed = parseAddressList(text, mode);
    const label = JSON.stringify(mode);
    if (!Array.isArray(parsed.entries) || !Array.isArray(parsed.mailboxes) || !Array.isArray(parsed.problems)) {
      return `${label}: result without entries/mailboxes/problems arrays`;
    }
    for (const problem of parsed.problems) {
      if (typeof problem.message !== 'string' || problem.message.trim() === '') return `${label}: a problem without a message`;
      if (!Number.isInteger(problem.index) || problem.index < 0 || problem.index > text.length) {
        return `${label}: problem index ${problem.index} outside the text (${text.length} characters): "${problem.message.slice(0, 100)}"`;
      }
    }
    if (!parsed.complete && parsed.problems.length === 0) return `${label}: an incomplete parse with no problem to say why`;
    for (const mailbox of parsed.mailboxes) {
      if (typeof mailbox.address !== 'string') return `${label}: a mailbox without an address string`;
      for (const index of [mailbox.index, mailbox.addressIndex, mailbox.domainIndex]) {
        if (!Number.isInteger(index) || index < 0 || index > text.length) return `${label}: mailbox ${JSON.stringify(mailbox.address)} at index ${index}, outside the text`;
      }
    }
  }
  return undefined;
}
