// An in-process authoritative DNS server for tests: UDP and TCP on one free port on 127.0.0.1,
// answering from a RecordTable, with faults injected on demand. Built on node:dgram / node:net with
// dns2's Packet codec (dns2's own servers cannot send the malformed bytes the faults need).
//
//   const server = await startDnsServer({ records });
//   resolver = createNetworkResolver({ servers: [server.address], timeoutMs: 300 });
//   server.setFault({ kind: 'servfail', match: 'example.com' });
//   server.queries  // every question received, in order: { name, type, transport }
//   await server.close();

import { randomBytes } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import { Packet } from 'dns2';
import { normalizeName } from '../../src/dns/dns-name.js';
import { RecordTable } from '../../src/dns/record-table.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { toResource } from './dns2-records.js';

/**
 * A fault the server injects. `match` limits it to one query name (case-insensitive); without it
 * every query is affected. The first matching fault in the list applies.
 */
export type DnsFault =
  /** Answer normally after `ms` milliseconds. */
  | { kind: 'delay'; ms: number; match?: string }
  /**
   * Send something the client must ignore: random bytes, the answer with a wrong ID, an answer to
   * a different question, or the answer from another port. `thenAnswer` follows it with the real answer.
   */
  | { kind: 'garbage' | 'wrong-id' | 'wrong-question' | 'wrong-sender'; match?: string; thenAnswer?: boolean }
  | {
      kind:
        /** Never answer, on either transport. */
        | 'drop'
        | 'servfail'
        | 'refused'
        /** Answer NXDOMAIN to every question (a blocklist that lists nothing, not even its test entry). */
        | 'nxdomain-everything'
        /** UDP: TC=1 and no records, so the client must retry over TCP; TCP answers in full. */
        | 'truncate'
        /** UDP: TC=1; TCP: the connection is closed without an answer. */
        | 'truncate-tcp-fails'
        /** UDP: TC=1; TCP: the connection stays open and nothing is ever sent. */
        | 'truncate-tcp-silent'
        /** UDP: TC=1; TCP: the length prefix and half the answer, then the connection closes. */
        | 'tcp-close-mid-answer'
        /** UDP: TC=1; TCP: the full answer, one byte per write (the client must reassemble it). */
        | 'truncate-tcp-trickle'
        /** UDP: TC=1; TCP: TC=1 as well, and no records (a truncated answer is not an empty one). */
        | 'tcp-truncated'
        /** UDP: TC=1; TCP: TC=1 as well, with only the first record of the answer (a partial set). */
        | 'tcp-truncated-partial'
        /** An answer record whose owner name is a compression pointer to itself. */
        | 'compression-loop'
        /** UDP: a ~48 KB answer without TC, far over any EDNS buffer the client offered. */
        | 'oversize'
        /**
         * The normal answer plus records the question did not ask for, owned by other names (an A
         * and an MX for unrelated.example.org): a poisoning attempt a client must ignore.
         */
        | 'foreign-records';
      match?: string;
    }
  /** Send whatever bytes `respond` builds for the request (names dns2 cannot write, for one). */
  | { kind: 'raw'; respond: (request: Packet) => Buffer; match?: string };

export interface ReceivedQuery {
  /** Lower case, no trailing dot. */
  name: string;
  /** 'A', 'MX', … or 'TYPE<n>'. */
  type: string;
  transport: 'udp' | 'tcp';
}

export interface TestDnsServer {
  host: '127.0.0.1' | '::1';
  port: number;
  /** `127.0.0.1:PORT` (or `[::1]:PORT`), as a resolver takes it. */
  address: string;
  /** Every question received, in arrival order (a test may clear it with `queries.length = 0`). */
  readonly queries: ReceivedQuery[];
  /** The most questions that were received but not yet answered (or dropped) at one time. */
  readonly maxInFlight: number;
  /** Replaces every fault with this one (undefined: behave). */
  setFault(fault: DnsFault | undefined): void;
  setFaults(faults: DnsFault[]): void;
  setRecords(records: readonly DnsRecord[]): void;
  close(): Promise<void>;
}

export interface StartDnsServerOptions {
  records: readonly DnsRecord[];
  faults?: DnsFault[];
  /** Listen on ::1 instead of 127.0.0.1 (rejects where the machine has no IPv6 loopback). */
  ipv6?: boolean;
}

const OVERSIZE_RECORDS = 3000;

export async function startDnsServer(options: StartDnsServerOptions): Promise<TestDnsServer> {
  let table = new RecordTable(options.records);
  let faults: DnsFault[] = options.faults ?? [];
  const queries: ReceivedQuery[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();
  const connections = new Set<TcpSocket>();

  const host = options.ipv6 ? '::1' : '127.0.0.1';
  const { udp, tcp, port } = await bindOnePort(host);
  // A second socket, for answers that must come from the wrong port.
  const spare = createSocket(options.ipv6 ? 'udp6' : 'udp4');
  await new Promise<void>((resolve) => spare.bind(0, host, resolve));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function faultFor(name: string): DnsFault | undefined {
    return faults.find((fault) => fault.match === undefined || normalizeName(fault.match) === name);
  }

  /** Builds the normal answer to `request` from the table. */
  function answerFor(request: Packet, rcodeOverride?: number): Packet {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    const question = request.questions[0]!;
    if (rcodeOverride !== undefined) {
      response.header.rcode = rcodeOverride;
      return response;
    }
    const type = Packet.typeName(question.type);
    const known = ['A', 'AAAA', 'MX', 'CNAME', 'TXT', 'NS', 'SOA', 'PTR'] as const;
    const recordType = known.find((candidate) => candidate === type);
    if (recordType === undefined) {
      response.header.rcode = Packet.RCODE.NOTIMP;
      return response;
    }
    const answer = table.answer(question.name, recordType);
    response.header.rcode =
      answer.status === 'nxdomain' ? Packet.RCODE.NXDOMAIN : answer.status === 'servfail' ? Packet.RCODE.SERVFAIL : Packet.RCODE.NOERROR;
    response.answers = answer.records.map((record) => toResource(record));
    return response;
  }

  function truncated(request: Packet): Buffer {
    const response = answerFor(request, Packet.RCODE.NOERROR);
    response.header.tc = 1;
    return response.toBuffer();
  }

  /** The answer to `request` over UDP: TC=1 when it would not fit the buffer the client offered. */
  function fitForUdp(request: Packet, response: Packet): Buffer {
    const bytes = response.toBuffer();
    const opt = request.additionals.find((record) => record.type === Packet.TYPE.EDNS);
    const limit = Math.min(Math.max(512, opt?.class ?? 512), 4096);
    return bytes.length > limit ? truncated(request) : bytes;
  }

  function compressionLoop(request: Packet): Buffer {
    const head = answerFor(request, Packet.RCODE.NOERROR).toBuffer();
    const at = head.length;
    const record = Buffer.from([0xc0 | (at >> 8), at & 0xff, 0, 1, 0, 1, 0, 0, 1, 0x2c, 0, 4, 192, 0, 2, 1]);
    const bytes = Buffer.concat([head, record]);
    bytes.writeUInt16BE(1, 6); // ANCOUNT
    return bytes;
  }

  /** The header and question, then OVERSIZE_RECORDS A records (built by hand: dns2's writer is slow). */
  function oversize(request: Packet): Buffer {
    const head = answerFor(request, Packet.RCODE.NOERROR).toBuffer();
    // Owner name: a pointer to the question name at offset 12.
    const record = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
    const bytes = Buffer.concat([head, ...Array.from({ length: OVERSIZE_RECORDS }, () => record)]);
    bytes.writeUInt16BE(OVERSIZE_RECORDS, 6); // ANCOUNT
    return bytes;
  }

  function wrongQuestion(request: Packet): Buffer {
    const response = answerFor(request);
    const question = request.questions[0]!;
    const other = `wrong.${question.name}`;
    response.questions = [{ ...question, name: other }];
    response.answers = response.answers.map((record) => ({ ...record, name: other }));
    return response.toBuffer();
  }

  function withForeignRecords(request: Packet): Buffer {
    const response = answerFor(request);
    const type = Packet.typeName(request.questions[0]!.type);
    const foreign: DnsRecord[] = [
      { type: 'A', name: 'unrelated.example.org', ttl: 60, address: '203.0.113.66' },
      { type: 'AAAA', name: 'unrelated.example.org', ttl: 60, address: '2001:db8::66' },
      { type: 'MX', name: 'unrelated.example.org', ttl: 60, preference: 0, exchange: '' },
      { type: 'TXT', name: 'unrelated.example.org', ttl: 60, strings: ['not yours'] },
    ];
    response.answers = [...foreign.filter((record) => record.type === type).map((record) => toResource(record)), ...response.answers];
    return response.toBuffer();
  }

  function wrongId(request: Packet): Buffer {
    const response = answerFor(request);
    response.header.id = (request.header.id + 1) & 0xffff;
    return response.toBuffer();
  }

  /**
   * Works out what to send for one request. `send` delivers one message on the request's
   * transport; `closeTcp` ends the TCP connection (TCP only).
   */
  async function handle(
    message: Buffer,
    transport: 'udp' | 'tcp',
    send: (bytes: Buffer) => void,
    sendFromSpare: (bytes: Buffer) => void,
    tcpConnection?: TcpSocket,
  ): Promise<void> {
    let request: Packet;
    try {
      request = Packet.parse(message);
    } catch {
      return; // not a DNS message: a real server ignores it too
    }
    const question = request.questions[0];
    if (question === undefined || request.header.qr === 1) return;
    const name = normalizeName(question.name);
    queries.push({ name, type: Packet.typeName(question.type), transport });
    const fault = faultFor(name);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const normal = () => (transport === 'udp' ? fitForUdp(request, answerFor(request)) : answerFor(request).toBuffer());
      switch (fault?.kind) {
        case undefined:
          return send(normal());
        case 'delay':
          await sleep(fault.ms);
          if (!closed) send(normal());
          return;
        case 'drop':
          return;
        case 'servfail':
          return send(answerFor(request, Packet.RCODE.SERVFAIL).toBuffer());
        case 'refused':
          return send(answerFor(request, Packet.RCODE.REFUSED).toBuffer());
        case 'nxdomain-everything':
          return send(answerFor(request, Packet.RCODE.NXDOMAIN).toBuffer());
        case 'garbage':
        case 'wrong-id':
        case 'wrong-question':
        case 'wrong-sender': {
          if (fault.kind === 'garbage') send(randomBytes(12 + Math.floor(Math.random() * 200)));
          if (fault.kind === 'wrong-id') send(wrongId(request));
          if (fault.kind === 'wrong-question') send(wrongQuestion(request));
          if (fault.kind === 'wrong-sender') {
            if (transport === 'udp') sendFromSpare(normal());
            else return send(normal());
          }
          if (fault.thenAnswer) {
            await sleep(5); // let the bad packet arrive first
            if (!closed) send(normal());
          }
          return;
        }
        case 'truncate':
        case 'truncate-tcp-fails':
        case 'truncate-tcp-silent':
        case 'truncate-tcp-trickle':
        case 'tcp-close-mid-answer': {
          if (transport === 'udp') return send(truncated(request));
          if (fault.kind === 'truncate') return send(normal());
          if (fault.kind === 'truncate-tcp-fails') return void tcpConnection?.destroy();
          if (fault.kind === 'truncate-tcp-trickle') {
            const bytes = normal();
            const framed = Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
            for (const byte of framed) {
              if (closed || !tcpConnection || tcpConnection.destroyed) return;
              tcpConnection.write(Buffer.from([byte]));
              await sleep(1);
            }
          }
          if (fault.kind === 'tcp-close-mid-answer') {
            const bytes = normal();
            const prefix = Buffer.alloc(2);
            prefix.writeUInt16BE(bytes.length);
            tcpConnection?.end(Buffer.concat([prefix, bytes.subarray(0, Math.floor(bytes.length / 2))]));
          }
          return;
        }
        case 'tcp-truncated':
        case 'tcp-truncated-partial': {
          if (transport === 'udp') return send(truncated(request));
          const response = answerFor(request);
          response.header.tc = 1;
          response.answers = fault.kind === 'tcp-truncated' ? [] : response.answers.slice(0, 1);
          return send(response.toBuffer());
        }
        case 'raw':
          return send(fault.respond(request));
        case 'compression-loop':
          return send(compressionLoop(request));
        case 'oversize':
          return send(transport === 'udp' ? oversize(request) : normal());
        case 'foreign-records':
          return send(withForeignRecords(request));
      }
    } finally {
      inFlight -= 1;
    }
  }

  udp.on('message', (message: Buffer, remote: RemoteInfo) => {
    const reply = (bytes: Buffer) => {
      if (!closed) udp.send(bytes, remote.port, remote.address);
    };
    const replyFromSpare = (bytes: Buffer) => {
      if (!closed) spare.send(bytes, remote.port, remote.address);
    };
    void handle(message, 'udp', reply, replyFromSpare);
  });

  tcp.on('connection', (connection) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => connection.destroy());
    let pending = Buffer.alloc(0);
    const reply = (bytes: Buffer) => {
      if (closed || connection.destroyed) return;
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(bytes.length);
      connection.write(Buffer.concat([prefix, bytes]));
    };
    connection.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) break;
        const message = pending.subarray(2, 2 + length);
        pending = pending.subarray(2 + length);
        void handle(message, 'tcp', reply, reply, connection);
      }
    });
  });

  return {
    host,
    port,
    address: options.ipv6 ? `[::1]:${port}` : `127.0.0.1:${port}`,
    queries,
    get maxInFlight() {
      return maxInFlight;
    },
    setFault(fault) {
      faults = fault === undefined ? [] : [fault];
    },
    setFaults(list) {
      faults = [...list];
    },
    setRecords(records) {
      table = new RecordTable(records);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      for (const connection of connections) connection.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => spare.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

/** Binds UDP to a free port, then TCP to the same one (retrying if TCP finds it taken). */
async function bindOnePort(host: string): Promise<{ udp: Socket; tcp: Server; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const udp = createSocket(host === '::1' ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    const port = udp.address().port;
    const tcp = createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { udp, tcp, port };
    } catch (error) {
      lastError = error;
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    }
  }
  throw new Error(`could not bind UDP and TCP to one free port on ${host}: ${String(lastError)}`);
}
