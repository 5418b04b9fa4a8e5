// Reuses bound UDP sockets across questions: creating, binding and closing a socket per question
// costs more than the rest of a lookup on a fast network. Each socket is connected to one
// nameserver: a connected socket sends without an address lookup per packet (about half the CPU of
// an unconnected send) and the kernel drops datagrams from any other sender. A socket serves one
// question at a time (its owner), so matching answers stays as strict as with a fresh socket;
// answers that arrive late for the previous question on a socket are recognised by ID and ignored
// without being counted as noise. Each socket has one listener for its life that hands packets and
// errors to its current owner, rather than listeners added and removed for every question.
// Idle sockets are unref'd so a forgotten close() never keeps the process alive.

import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { ServerAddress } from './server-address.js';

const RECENT_IDS_KEPT = 4;

/** The question a socket serves. */
export interface UdpSocketOwner {
  onMessage(bytes: Buffer, remote: RemoteInfo): void;
  /** `server`: the nameserver the socket is connected to. */
  onError(error: NodeJS.ErrnoException, server: ServerAddress): void;
}

interface PooledSocket {
  socket: Socket;
  server: ServerAddress;
  owner: UdpSocketOwner | undefined;
  /** The ID of the owner's question. */
  id: number;
  connected: boolean;
  /** IDs of the last questions asked on it: late answers to them are not noise. */
  recentIds: number[];
  /** It reported an error: closed on release, never reused. */
  failed: boolean;
}

interface QueuedSend {
  pooled: PooledSocket;
  /** Whose question it is: the send is dropped if the socket has changed hands since. */
  owner: UdpSocketOwner | undefined;
  bytes: Buffer;
  callback: (error: Error | null) => void;
}

export class UdpSocketPool {
  private readonly idle = new Map<string, PooledSocket[]>();
  private closed = false;

  constructor(private readonly maxIdlePerServer: number) {}

  /** A socket connected (or connecting) to `server`, serving `owner` until released. */
  acquire(server: ServerAddress, owner: UdpSocketOwner, id: number): PooledSocket {
    const pooled = this.idle.get(server.text)?.pop() ?? this.open(server);
    pooled.owner = owner;
    pooled.id = id;
    pooled.socket.ref();
    return pooled;
  }

  private open(server: ServerAddress): PooledSocket {
    const socket = createSocket(server.family === 4 ? 'udp4' : 'udp6');
    const pooled: PooledSocket = { socket, server, owner: undefined, id: -1, connected: false, recentIds: [], failed: false };
    socket.on('message', (bytes: Buffer, remote: RemoteInfo) => {
      // A late answer to the socket's previous question: expected, not noise.
      if (bytes.length >= 2 && bytes.readUInt16BE(0) !== pooled.id && pooled.recentIds.includes(bytes.readUInt16BE(0))) return;
      pooled.owner?.onMessage(bytes, remote);
    });
    // A failed connect, a send error, or (connected) ICMP port unreachable as ECONNREFUSED. Without
    // an owner the socket is idle: it is closed when next released, never handed out broken.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      pooled.failed = true;
      pooled.owner?.onError(error, server);
    });
    socket.connect(server.port, server.host, () => {
      pooled.connected = true;
    });
    return pooled;
  }

  /**
   * Sends `bytes` once the socket's connect has completed, with the other sends of this turn of the
   * event loop: the answers read in one turn each start a question, and their queries go out
   * together at its end rather than one between each answer's processing. A send that finds the
   * nameserver busy with the previous one costs less than one that wakes it (the 1,000-domain run's
   * sendmsg calls: 64 -> 54 us each under strace, against Knot on loopback).
   * A send whose question is over before the burst goes out (its socket released) is dropped.
   */
  send(pooled: PooledSocket, bytes: Buffer, callback: (error: Error | null) => void): void {
    if (!pooled.connected) {
      pooled.socket.once('connect', () => sendNow(pooled.socket, bytes, callback));
      return;
    }
    this.burst.push({ pooled, owner: pooled.owner, bytes, callback });
    if (this.burst.length === 1) setImmediate(this.sendBurst);
  }

  private burst: QueuedSend[] = [];

  private readonly sendBurst = (): void => {
    const burst = this.burst;
    this.burst = [];
    for (const { pooled, owner, bytes, callback } of burst) {
      if (pooled.owner === owner) sendNow(pooled.socket, bytes, callback);
    }
  };

  /** Takes a socket back after its owner's question. */
  release(pooled: PooledSocket): void {
    const id = pooled.id;
    pooled.owner = undefined;
    pooled.id = -1;
    const idle = this.idle.get(pooled.server.text);
    if (pooled.failed || this.closed || !pooled.connected || (idle?.length ?? 0) >= this.maxIdlePerServer) {
      closeQuietly(pooled.socket);
      return;
    }
    pooled.recentIds.push(id);
    if (pooled.recentIds.length > RECENT_IDS_KEPT) pooled.recentIds.shift();
    pooled.socket.unref();
    if (idle === undefined) this.idle.set(pooled.server.text, [pooled]);
    else idle.push(pooled);
  }

  close(): void {
    this.closed = true;
    for (const sockets of this.idle.values()) for (const pooled of sockets) closeQuietly(pooled.socket);
    this.idle.clear();
  }
}

export type { PooledSocket };

/** dgram passes null (not undefined) for a send that succeeded. */
function sendNow(socket: Socket, bytes: Buffer, callback: (error: Error | null) => void): void {
  try {
    socket.send(bytes, callback);
  } catch (error) {
    callback(error as Error); // a socket closed under us throws rather than calling back
  }
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
