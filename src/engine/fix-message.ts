// --fix and fixMessage: lint, apply the safe edits (src/fix), lint again, until nothing changes.
// A signed message is never rewritten: receivers do not repair mail because a repair breaks the
// DKIM signature (RFC 7103 7.2), and the same holds for a repair made here after signing.

import { fixUntilStable } from '../fix/apply.js';
import type { ParsedMessage } from '../message/types.js';
import type { ScannedMail } from '../mime/scan-mail.js';
import type { ReportedFinding } from '../types.js';
import { FIX_SIGNED_MESSAGE } from './input-findings.js';
import { sortFindings } from './run-check.js';

/** Fields whose presence means the message is signed: DKIM (RFC 6376) and ARC (RFC 8617). */
const SIGNATURE_FIELDS = new Set(['dkim-signature', 'arc-seal', 'arc-message-signature']);

export interface MessageFix {
  /** The repaired octets; the input's own when nothing changed. */
  output: Buffer;
  changed: boolean;
  /** Findings whose edits were applied. */
  fixed: ReportedFinding[];
  /** Findings of the repaired message: what is left for a person. */
  remaining: ReportedFinding[];
}

export interface FixLinter {
  parse(bytes: Uint8Array): ScannedMail;
  /** The message and address checks only: what can carry edits (no DNS in the passes). */
  lintOffline(mail: ScannedMail): ReportedFinding[];
  /** Every enabled check, DNS included: the report on the result. */
  lintFully(mail: ScannedMail): Promise<ReportedFinding[]>;
}

function signedFinding(message: ParsedMessage): ReportedFinding | undefined {
  const signature = message.fields.find((field) => SIGNATURE_FIELDS.has(field.lowerName));
  if (!signature) return undefined;
  return {
    check: FIX_SIGNED_MESSAGE,
    severity: 'info',
    message: `not fixed: the message is signed (${signature.name}), and any repair would break the signature (RFC 7103); fix the draft before it is signed`,
    line: signature.line,
    column: signature.column,
  };
}

export async function fixParsedMessage(input: Uint8Array, linter: FixLinter): Promise<MessageFix> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const original = linter.parse(bytes);
  const signed = signedFinding(original.message);
  if (signed) return { output: bytes, changed: false, fixed: [], remaining: sortFindings([signed, ...(await linter.lintFully(original))]) };
  const { output, fixed, passes } = await fixUntilStable(bytes, async (current) => linter.lintOffline(linter.parse(current)));
  const result = passes === 0 ? original : linter.parse(output);
  return { output, changed: passes > 0, fixed, remaining: await linter.lintFully(result) };
}
