// A message read once for both scanners: the RFC 5322 scanner (header fields, line facts) and the
// MIME scanner (entities, content facts). Each chunk goes to both, so the body is still never held.

import { MessageScanner, type ScanOptions } from '../message/scan.js';
import type { ParsedMessage } from '../message/types.js';
import { MimeScanner } from './scan.js';
import type { MimeStructure } from './types.js';

export interface ScannedMail {
  message: ParsedMessage;
  mime: MimeStructure;
}

export class MailScanner {
  private readonly messageScanner: MessageScanner;
  private readonly mimeScanner = new MimeScanner();

  constructor(options: ScanOptions = {}) {
    this.messageScanner = new MessageScanner(options);
  }

  /** True once the input is certainly binary data (see MessageScanner.isCertainlyBinary). */
  get isCertainlyBinary(): boolean {
    return this.messageScanner.isCertainlyBinary;
  }

  push(chunk: Uint8Array): void {
    this.messageScanner.push(chunk);
    this.mimeScanner.push(chunk);
  }

  finish(): ScannedMail {
    return { message: this.messageScanner.finish(), mime: this.mimeScanner.finish() };
  }
}

export function parseMail(input: string | Uint8Array, options: ScanOptions = {}): ScannedMail {
  const scanner = new MailScanner(options);
  scanner.push(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  return scanner.finish();
}
