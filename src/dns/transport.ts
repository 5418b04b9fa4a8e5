// One DNS question on the wire: UDP to each nameserver in turn (with a retry), TCP when the answer
// comes back truncated, all under ONE deadline. Hand-written on node:dgram / node:net because
// dns2's TCP client and DNS class have no deadline on some paths; the query is built here and the
// answer read by decode-message.ts (dns2's codec, which reads bit by bit, cost more CPU than the rest).
//
// Only an answer to OUR question counts: same ID, QR set, one question with our name
// (case-insensitively), type and class, from a server we sent to, decodable, and within the UDP
// buffer we offered. Anything else is dropped and counted, and waiting goes on; if nothing valid
// arrives before the deadline, the outcome is 'malformed' (something was dropped) or 'timeout'.

import type { RemoteInfo } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { connect } from 'node:net';
import { CLASS_IN, decodeMessage, MessageDecodeError, RCODE, type DecodedMessage, type MessageSection } from './decode-message.js';
import { normalizeName } from './dns-name.js';
import type { ServerAddress } from './server-address.js';
import { UdpSocketPool, type PooledSocket, type UdpSocketOwner } from './udp-pool.js';

/** The EDNS0 UDP payload size we offer (the DNS flag day 2020 value); larger UDP answers are dropped. */
export const UDP_BUFFER_SIZE = 1232;
/** Sends per nameserver over UDP before moving to the next one. */
export const UDP_TRIES_PER_SERVER = 2;

export interface Question {
  /** Normalised (lower case, no trailing dot) and already validated. */
  name: string;
  typeCode: number;
}

export type ExchangeOutcome =
  | { kind: 'answer'; packet: DecodedMessage; server: ServerAddress; transport: 'udp' | 'tcp' }
  | { kind: 'timeout' | 'malformed' | 'network-error'; server?: ServerAddress; detail: string };

export interface ExchangeOptions {
  servers: readonly ServerAddress[];
  timeoutMs: number;
  /** Ends the exchange early ('the resolver was closed') when the resolver closes. */
  closing?: Closing;
  /** Where UDP sockets come from and go back to (default: a fresh socket per question). */
  pool?: UdpSocketPool;
}

/**
 * Tells every live exchange that its resolver closed. One registry for all of them: an AbortSignal
 * listener added and removed per question cost more CPU than the question's own packet work.
 */
export class Closing {
  closed = false;
  private readonly live = new Set<() => void>();
  add(onClose: () => void): void {
    this.live.add(onClose);
  }
  delete(onClose: () => void): void {
    this.live.delete(onClose);
  }
  close(): void {
    this.closed = true;
    for (const onClose of [...this.live]) onClose();
    this.live.clear();
  }
}

/** For callers without a pool: every socket is closed after its question. */
const NO_REUSE = new UdpSocketPool(0);

/** Asks `question` and settles by `timeoutMs` at the latest. Never rejects. */
export function exchange(question: Question, options: ExchangeOptions): Promise<ExchangeOutcome> {
  return new Promise<ExchangeOutcome>((resolve) => new Exchange(question, options, resolve).start());
}

/** Why packets were dropped, counted, for the detail of a failed lookup. */
class DropLog {
  /** Made on the first drop: most questions never see one. */
  private counts: Map<string, number> | undefined;
  total = 0;
  add(reason: string): void {
    this.total += 1;
    this.counts ??= new Map();
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }
  describe(): string {
    const parts = [...(this.counts ?? [])].map(([reason, count]) => (count > 1 ? `${count} × ${reason}` : reason));
    return `dropped ${this.total} packet${this.total === 1 ? '' : 's'} that did not answer it: ${parts.join('; ')}`;
  }
}

type Checked = { ok: true; packet: DecodedMessage } | { ok: false; reason: string };

const UNDECODABLE: Record<MessageSection, string> = { header: 'undecodable', questions: 'undecodable question', answers: 'undecodable record', authorities: 'undecodable record' };

/** Whether `bytes` is an answer to the question we sent with `id`. */
function checkAnswer(bytes: Buffer, id: number, question: Question): Checked {
  if (bytes.length >= 12) {
    const flags = bytes.readUInt16BE(2);
    if (flags >> 15 !== 1) return { ok: false, reason: 'not a response (QR bit clear)' };
    if (bytes.readUInt16BE(0) !== id) return { ok: false, reason: 'wrong ID' };
    if (((flags >> 11) & 0xf) !== 0) return { ok: false, reason: `opcode ${(flags >> 11) & 0xf}` };
  }
  // A record we cannot decode in the answer or authority section makes the whole answer
  // untrustworthy (the rest may be misaligned); trouble in the additional section (EDNS options)
  // does not change what the answer says, and decodeMessage ignores it.
  let packet: DecodedMessage;
  try {
    packet = decodeMessage(bytes);
  } catch (error) {
    if (!(error instanceof MessageDecodeError)) throw error;
    return { ok: false, reason: `${UNDECODABLE[error.section]} (${error.message})` };
  }
  const echoed = packet.questions[0];
  if (
    packet.questions.length !== 1 ||
    echoed === undefined ||
    normalizeName(echoed.name) !== question.name ||
    echoed.type !== question.typeCode ||
    echoed.class !== CLASS_IN
  ) {
    return { ok: false, reason: 'an answer to a different question' };
  }
  return { ok: true, packet };
}

/** OPT pseudo-record (RFC 6891): root owner, type 41, our UDP payload size as class, TTL 0, no options. */
const OPT_RECORD = Uint8Array.of(0, 0, 41, UDP_BUFFER_SIZE >> 8, UDP_BUFFER_SIZE & 0xff, 0, 0, 0, 0, 0, 0);
/** A query's header but its ID: RD set, one question, no answer or authority records, one additional (the OPT record). */
const QUERY_HEADER = Uint8Array.of(0, 0, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1);

/**
 * The query for `question` (RD set, one question, EDNS0 OPT): the bytes dns2's encoder writes, built
 * directly because its bit-by-bit writer cost more CPU than the rest of a lookup. The name is
 * validated (queryNameProblem): ASCII labels of 1-63 octets. Written octet by octet and with
 * Uint8Array set(): Buffer's write and copy check their arguments at a cost larger than the copying
 * (a third of the query's cost in the 1,000-domain profile).
 */
export function encodeQuery(question: Question, id: number): Buffer {
  const { name } = question;
  const bytes = Buffer.allocUnsafe(12 + name.length + 2 + 4 + OPT_RECORD.length);
  bytes.set(QUERY_HEADER, 0);
  bytes[0] = id >> 8;
  bytes[1] = id & 0xff;
  // Each label's octets go one after its length octet; a "." ends a label, and the octet before the
  // label gets its length.
  let lengthAt = 12;
  for (let index = 0; index < name.length; index += 1) {
    const code = name.charCodeAt(index);
    if (code === 0x2e) {
      bytes[lengthAt] = 13 + index - lengthAt - 1;
      lengthAt = 13 + index;
    } else {
      bytes[13 + index] = code;
    }
  }
  const offset = 13 + name.length;
  bytes[lengthAt] = offset - lengthAt - 1;
  bytes[offset] = 0;
  bytes[offset + 1] = question.typeCode >> 8;
  bytes[offset + 2] = question.typeCode & 0xff;
  bytes[offset + 3] = CLASS_IN >> 8;
  bytes[offset + 4] = CLASS_IN & 0xff;
  bytes.set(OPT_RECORD, offset + 5);
  return bytes;
}

function list(servers: readonly ServerAddress[]): string {
  return servers.map((server) => server.text).join(', ');
}

// Per question, this is the costliest object a domain run makes thousands of: its collections are
// arrays (a question asks one to three nameservers), and it is its sockets' owner itself rather
// than a pair of closures per socket.
class Exchange implements UdpSocketOwner {
  private readonly id = randomInt(0x10000);
  private readonly query: Buffer;
  private readonly drops = new DropLog();
  /** The socket of each nameserver asked (one per server text). */
  private readonly sockets: PooledSocket[] = [];
  /** Each nameserver asked, once, in order. */
  private readonly askedList: ServerAddress[] = [];
  /** Fired timers stay listed: clearing one again is harmless. */
  private readonly timers: NodeJS.Timeout[] = [];
  /**
   * The deadline's timer is armed only once no retry timer is pending (a pending retry always fires
   * before the deadline): most questions are answered before their first retry, so they cost one
   * timer, not two.
   */
  private retriesPending = 0;
  private deadlineAt = 0;
  private deadlineArmed = false;
  /** UDP sends still to make: each server UDP_TRIES_PER_SERVER times, in order. */
  private readonly schedule: ServerAddress[] = [];
  private readonly sendInterval: number;
  private sendErrors: string[] = [];
  private sendsMade = 0;
  /** A SERVFAIL/REFUSED answer kept while other servers are asked. */
  private failureAnswer: Extract<ExchangeOutcome, { kind: 'answer' }> | undefined;
  private tcpStarted = false;
  private settled = false;
  private closeTcp: (() => void) | undefined;

  constructor(
    private readonly question: Question,
    private readonly options: ExchangeOptions,
    private readonly resolve: (outcome: ExchangeOutcome) => void,
  ) {
    this.query = encodeQuery(question, this.id);
    for (const server of options.servers) for (let tries = 0; tries < UDP_TRIES_PER_SERVER; tries += 1) this.schedule.push(server);
    this.sendInterval = options.timeoutMs / Math.max(1, this.schedule.length);
  }

  start(): void {
    const { closing, servers, timeoutMs } = this.options;
    if (servers.length === 0) {
      this.finish({ kind: 'network-error', detail: 'no nameservers configured' });
      return;
    }
    if (closing?.closed) {
      this.finish({ kind: 'network-error', detail: 'the resolver was closed' });
      return;
    }
    closing?.add(this.onAbort);
    this.deadlineAt = performance.now() + timeoutMs;
    this.sendNext();
    if (this.retriesPending === 0) this.armDeadline();
  }

  private armDeadline(): void {
    if (this.settled || this.deadlineArmed) return;
    this.deadlineArmed = true;
    this.later(Math.ceil(this.deadlineAt - performance.now()), onDeadline);
  }

  onRetryDue(): void {
    this.retriesPending -= 1;
    this.sendNext();
    if (this.retriesPending === 0) this.armDeadline();
  }

  private readonly onAbort = () => this.finish({ kind: 'network-error', detail: 'the resolver was closed' });

  private later(ms: number, action: (exchange: Exchange) => void): void {
    this.timers.push(setTimeout(action, Math.max(0, ms), this));
  }

  /** Sends the next scheduled UDP attempt and schedules the one after. */
  private sendNext(): void {
    if (this.settled || this.tcpStarted) return;
    const server = this.schedule.shift();
    if (server === undefined) return;
    this.sendTo(server);
    if (this.schedule.length > 0) {
      this.retriesPending += 1;
      this.later(this.sendInterval, onRetryDue);
    }
  }

  /** Moves straight on to the first server not asked yet (after SERVFAIL/REFUSED); false if none. */
  private skipToUnaskedServer(): boolean {
    const next = this.schedule.findIndex((server) => !this.hasAsked(server));
    if (next === -1) return false;
    this.schedule.splice(0, next);
    this.sendNext();
    return true;
  }

  private get pool(): UdpSocketPool {
    return this.options.pool ?? NO_REUSE;
  }

  private hasAsked(server: ServerAddress): boolean {
    return this.askedList.some((asked) => asked.text === server.text);
  }

  private socketFor(server: ServerAddress): PooledSocket {
    const known = this.sockets.find((pooled) => pooled.server.text === server.text);
    if (known !== undefined) return known;
    const pooled = this.pool.acquire(server, this, this.id);
    this.sockets.push(pooled);
    return pooled;
  }

  /** A UDP socket's packet (UdpSocketOwner). */
  onMessage(bytes: Buffer, remote: RemoteInfo): void {
    this.onUdpMessage(bytes, remote);
  }

  /** A UDP socket's error (UdpSocketOwner). */
  onError(error: NodeJS.ErrnoException, server: ServerAddress): void {
    // ICMP port unreachable on a connected socket: nothing listens there, so say so at once.
    const why = error.code === 'ECONNREFUSED' ? 'port unreachable (nothing listens there)' : `UDP socket: ${error.message}`;
    this.onSendError(`${server.text}: ${why}`);
  }

  private sendTo(server: ServerAddress): void {
    if (!this.hasAsked(server)) this.askedList.push(server);
    this.sendsMade += 1;
    const pooled = this.socketFor(server);
    this.pool.send(pooled, this.query, (error) => {
      if (error) {
        pooled.failed = true;
        this.onSendError(`${server.text}: ${(error as NodeJS.ErrnoException).code ?? error.message}`);
      }
    });
  }

  private onSendError(reason: string): void {
    if (this.settled) return;
    this.sendErrors.push(reason);
    // Every send so far failed and none is left to make: nothing can answer, so say so now.
    if (this.sendErrors.length >= this.sendsMade && this.schedule.length === 0 && !this.tcpStarted) {
      // Each try of a server meets the same error: say each distinct one once.
      this.finish({ kind: 'network-error', detail: `cannot send to ${[...new Set(this.sendErrors)].join('; ')}` });
    } else if (this.schedule.length > 0) {
      this.sendNext();
    }
  }

  private onUdpMessage(bytes: Buffer, remote: RemoteInfo): void {
    if (this.settled || this.tcpStarted) return;
    const server = this.askedList.find((asked) => asked.port === remote.port && sameHost(asked.host, remote.address));
    if (server === undefined) return this.drops.add('from an address we did not ask');
    if (bytes.length > UDP_BUFFER_SIZE) {
      return this.drops.add(`${bytes.length} bytes over UDP, more than the ${UDP_BUFFER_SIZE} we offered`);
    }
    const checked = checkAnswer(bytes, this.id, this.question);
    if (!checked.ok) return this.drops.add(checked.reason);
    const { packet } = checked;
    if (packet.tc === 1) return this.startTcp(server);
    const answer = { kind: 'answer', packet, server, transport: 'udp' } as const;
    const rcode = packet.rcode;
    if (rcode === RCODE.SERVFAIL || rcode === RCODE.REFUSED) {
      // Another nameserver may still answer; keep this one's word in case none does.
      this.failureAnswer = answer;
      if (this.skipToUnaskedServer()) return;
    }
    this.finish(answer);
  }

  private startTcp(server: ServerAddress): void {
    this.tcpStarted = true;
    this.closeUdp();
    const socket = connect({ host: server.host, port: server.port });
    socket.setNoDelay(true);
    this.closeTcp = () => socket.destroy();
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16BE(this.query.length);
    socket.on('connect', () => socket.write(Buffer.concat([prefix, this.query])));
    let pending: Buffer = Buffer.alloc(0);
    let expected: number | undefined;
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // Messages are length-prefixed and may arrive split across chunks, or several in one.
      while (!this.settled && pending.length >= 2) {
        expected = pending.readUInt16BE(0);
        if (pending.length < 2 + expected) return;
        const message = pending.subarray(2, 2 + expected);
        pending = pending.subarray(2 + expected);
        expected = undefined;
        const checked = checkAnswer(message, this.id, this.question);
        if (!checked.ok) {
          this.drops.add(`${checked.reason} (over TCP)`);
          continue;
        }
        // TCP has no size limit to truncate for: TC=1 here means part of the answer is missing,
        // and an empty or partial record set read as complete would be a false finding or a pass.
        if (checked.packet.tc === 1) {
          this.finish({ kind: 'malformed', server, detail: `the answer from ${server.text} was truncated (TC) over TCP as well: a partial answer is not used` });
          return;
        }
        this.finish({ kind: 'answer', packet: checked.packet, server, transport: 'tcp' });
      }
    });
    const closedEarly = (why: string) => {
      if (this.settled) return;
      const partial =
        expected !== undefined ? ` after ${pending.length - 2} of ${expected} bytes of the answer` : pending.length > 0 ? ' mid-answer' : '';
      const dropped = this.drops.total > 0 ? `; ${this.drops.describe()}` : '';
      this.finish({
        kind: 'network-error',
        server,
        detail: `the UDP answer from ${server.text} was truncated and the TCP connection ${why}${partial}${dropped}`,
      });
    };
    socket.on('error', (error: NodeJS.ErrnoException) => closedEarly(`failed (${error.code ?? error.message})`));
    socket.on('close', () => closedEarly('closed before a complete answer'));
  }

  onDeadline(): void {
    if (this.settled) return;
    if (this.failureAnswer) return this.finish(this.failureAnswer);
    const ms = Math.round(this.options.timeoutMs);
    const over = this.tcpStarted ? ' over TCP (the UDP answer was truncated)' : '';
    const asked = this.askedList.length > 0 ? this.askedList : this.options.servers;
    const base = `no answer from ${list(asked)}${over} within ${ms} ms`;
    if (this.drops.total > 0) return this.finish({ kind: 'malformed', server: asked[0], detail: `${base}; ${this.drops.describe()}` });
    if (this.sendErrors.length > 0) {
      return this.finish({ kind: 'network-error', server: asked[0], detail: `${base}; send errors: ${[...new Set(this.sendErrors)].join('; ')}` });
    }
    this.finish({ kind: 'timeout', server: asked[0], detail: base });
  }

  private closeUdp(): void {
    for (const pooled of this.sockets) this.pool.release(pooled);
    this.sockets.length = 0;
  }

  private finish(outcome: ExchangeOutcome): void {
    if (this.settled) return;
    this.settled = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
    this.options.closing?.delete(this.onAbort);
    this.closeUdp();
    this.closeTcp?.();
    this.resolve(outcome);
  }
}

// Timer actions: module functions given the exchange, so a timer needs no closure of its own.
function onDeadline(exchange: Exchange): void {
  exchange.onDeadline();
}
function onRetryDue(exchange: Exchange): void {
  exchange.onRetryDue();
}

function sameHost(configured: string, sender: string): boolean {
  const percent = configured.indexOf('%');
  const host = percent === -1 ? configured : configured.slice(0, percent);
  const senderPercent = sender.indexOf('%');
  return host === (senderPercent === -1 ? sender : sender.slice(0, senderPercent));
}
