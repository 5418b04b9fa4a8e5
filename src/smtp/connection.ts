// One SMTP connection: commands out, replies in, a deadline on every step (connect, each reply, the
// TLS handshake) and one on the whole dialogue, and a transcript a person can read with every credential already redacted.

import { connect as connectTcp, type LookupFunction, type Socket } from 'node:net';
import { connect as connectTls, rootCertificates, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { ReplyReader, SmtpProtocolError, quoteServerText } from './reply.js';
import type { SmtpReply } from './types.js';

export interface TranscriptLine {
  /** C: what maillint sent; S: what the server replied; *: what happened (TLS, a deadline). */
  from: 'C' | 'S' | '*';
  text: string;
}

/** A step ended without its reply: the reason is fit for a finding. */
export class SmtpStepError extends Error {
  override name = 'SmtpStepError';
  constructor(
    message: string,
    /** 'timeout': a step's deadline; 'dialogue-timeout': the whole dialogue's. */
    readonly kind: 'timeout' | 'dialogue-timeout' | 'closed' | 'protocol' | 'network',
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * The deadline of each step and the deadline of the whole dialogue, which starts with the connection:
 * a step waits for whichever ends first, so a server slow at every step cannot stretch a run to
 * steps × step deadline.
 */
export class DialogueDeadlines {
  private readonly startedAt = performance.now();

  constructor(
    readonly stepMs: number,
    readonly wholeMs: number,
  ) {}

  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  /** How long the next step may wait, and the error if it waits in vain (made then, to say the time elapsed). */
  nextStep(stepMessage: string): { milliseconds: number; error: () => SmtpStepError } {
    const left = this.wholeMs - (performance.now() - this.startedAt);
    if (left >= this.stepMs) return { milliseconds: this.stepMs, error: () => new SmtpStepError(stepMessage, 'timeout') };
    return {
      milliseconds: Math.max(0, left),
      error: () => new SmtpStepError(`the whole dialogue ran past its deadline of ${this.wholeMs} ms (${this.elapsedMs()} ms elapsed)`, 'dialogue-timeout'),
    };
  }
}

interface Waiter {
  resolve: (value: { reply: SmtpReply; lines: string[] }) => void;
  reject: (error: Error) => void;
}

export class SmtpConnection {
  private reader: ReplyReader;
  private replies: { reply: SmtpReply; lines: string[] }[] = [];
  private waiters: Waiter[] = [];
  private failure: SmtpStepError | undefined;
  private readonly onData = (chunk: Buffer): void => this.receive(chunk);

  private constructor(
    private socket: Socket | TLSSocket,
    private readonly deadlines: DialogueDeadlines,
    private readonly log: (line: TranscriptLine) => void,
    private readonly redact: (line: string) => string,
  ) {
    this.reader = new ReplyReader(redact);
    this.attach(socket);
  }

  /** Opens a TCP connection within the deadline (name resolution included); `redact` cuts secrets out of every line received. */
  static async open(
    host: string,
    port: number,
    deadlines: DialogueDeadlines,
    log: (line: TranscriptLine) => void,
    redact: (line: string) => string,
    lookup?: LookupFunction,
  ): Promise<SmtpConnection> {
    const socket = connectTcp({ host, port, ...(lookup ? { lookup } : {}) });
    await withDeadline(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      }),
      deadlines.nextStep(`no connection within ${deadlines.stepMs} ms`),
      () => socket.destroy(),
    ).catch((error: unknown) => {
      socket.destroy();
      throw networkError(error);
    });
    // Commands are small and each waits for its reply: Nagle's algorithm would only delay them.
    socket.setNoDelay(true);
    log({ from: '*', text: `connected to ${socket.remoteAddress}:${socket.remotePort}` });
    return new SmtpConnection(socket, deadlines, log, redact);
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.on('data', this.onData);
    socket.on('error', (error) => this.fail(networkError(error)));
    socket.on('close', () => this.fail(new SmtpStepError('the server closed the connection', 'closed')));
  }

  private receive(chunk: Buffer): void {
    try {
      for (const reply of this.reader.push(chunk)) {
        this.log({ from: 'S', text: `${reply.reply.code} ${reply.lines.map((line) => quoteServerText(line, 200)).join(' / ')}` });
        const waiter = this.waiters.shift();
        if (waiter) waiter.resolve(reply);
        else this.replies.push(reply);
        // A server that floods replies nobody asked for is cut off, not buffered.
        if (this.replies.length > 200) throw new SmtpProtocolError('the server sent replies to commands it was not sent');
      }
    } catch (error) {
      this.fail(new SmtpStepError((error as Error).message, 'protocol'));
      this.socket.destroy();
    }
  }

  private fail(error: SmtpStepError): void {
    this.failure ??= error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
  }

  /** Sends command lines at once (pipelined when more than one); `shown` is what the transcript says instead. */
  send(lines: readonly string[], shown: readonly string[] = lines): void {
    if (this.failure) return;
    for (const line of shown) this.log({ from: 'C', text: line });
    this.socket.write(lines.map((line) => `${line}\r\n`).join(''));
  }

  /** The next reply, within the step's deadline and the dialogue's. */
  async reply(): Promise<{ reply: SmtpReply; lines: string[] }> {
    const ready = this.replies.shift();
    if (ready) return ready;
    if (this.failure) throw this.failure;
    let waiter: Waiter | undefined;
    const next = new Promise<{ reply: SmtpReply; lines: string[] }>((resolve, reject) => {
      waiter = { resolve, reject };
      this.waiters.push(waiter);
    });
    return withDeadline(next, this.deadlines.nextStep(`no reply within ${this.deadlines.stepMs} ms`), (error) => {
      this.waiters = this.waiters.filter((candidate) => candidate !== waiter);
      this.fail(error);
      this.socket.destroy();
    });
  }

  /**
   * Turns the connection into TLS (after a 220 to STARTTLS, or at once for implicit TLS), verifying
   * the chain against the system's roots (and `ca`), the host name and the validity dates.
   */
  async startTls(host: string, ca: string | undefined): Promise<string> {
    // Bytes the server sent after its 220 would be read as if they came over TLS (CVE-2011-0411).
    if (this.reader.hasPendingBytes() || this.replies.length > 0) {
      throw new SmtpStepError('the server sent data after its STARTTLS reply, before the TLS handshake', 'protocol');
    }
    const plain = this.socket;
    plain.removeListener('data', this.onData);
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    const secure = connectTls({
      socket: plain,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      host,
      ...(ca === undefined ? {} : { ca: [...rootCertificates, ca] }),
      rejectUnauthorized: true,
    });
    await withDeadline(
      new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', resolve);
        secure.once('error', reject);
        secure.once('close', () => reject(new SmtpStepError('the server closed the connection during the TLS handshake', 'closed')));
      }),
      this.deadlines.nextStep(`no TLS handshake within ${this.deadlines.stepMs} ms`),
      () => secure.destroy(),
    ).catch((error: unknown) => {
      secure.destroy();
      throw error instanceof SmtpStepError ? error : networkError(error);
    });
    this.socket = secure;
    this.reader = new ReplyReader(this.redact);
    this.attach(secure);
    const protocol = secure.getProtocol() ?? 'TLS';
    this.log({ from: '*', text: `TLS established (${protocol}, certificate verified)` });
    return protocol;
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.on('error', () => undefined);
    this.socket.destroy();
  }
}

function networkError(error: unknown): SmtpStepError {
  if (error instanceof SmtpStepError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  // OpenSSL's messages carry its source path and error stack; its `reason` is the part a person reads.
  const reason = (error as { reason?: unknown }).reason;
  const message = typeof reason === 'string' && reason !== '' ? reason : error instanceof Error ? error.message : String(error);
  return new SmtpStepError(message, 'network', code);
}

/** `promise`, or the step's timeout error after its milliseconds (then `onTimeout` cleans up). */
function withDeadline<Value>(
  promise: Promise<Value>,
  step: { milliseconds: number; error: () => SmtpStepError },
  onTimeout: (error: SmtpStepError) => void,
): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = step.error();
      onTimeout(error);
      reject(error);
    }, step.milliseconds);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
