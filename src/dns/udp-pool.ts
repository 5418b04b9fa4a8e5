// Reuses UDP sockets across questions: creating, binding and closing a socket per question costs
// more than the rest of a lookup on a fast network. Each socket is connected to one nameserver, so
// the kernel drops datagrams from anyone else and reports an ICMP "port unreachable" as
// ECONNREFUSED: a nameserver that is not listening fails the lookup at once instead of after the
// whole deadline. A socket serves one question at a time, so matching answers stays as strict as
// with a fresh socket; answers that arrive late for the previous question on a socket are
// recognised by ID and ignored without being counted as noise. Idle sockets are unref'd so a
// forgotten close() never keeps the process alive.

import { createSocket, type Socket } from 'node:dgram';
import type { ServerAddress } from './server-address.js';

const RECENT_IDS_KEPT = 4;

export class UdpSocketPool {
  private readonly idle = new Map<string, Socket[]>();
  private readonly recentIds = new WeakMap<Socket, number[]>();
  /** Sockets whose connect() has not completed: sends wait for it. */
  private readonly connecting = new WeakMap<Socket, Promise<void>>();
  private closed = false;

  constructor(private readonly maxIdlePerServer: number) {}

  acquire(server: ServerAddress): Socket {
    const reused = this.idle.get(server.text)?.pop();
    if (reused) {
      reused.ref();
      return reused;
    }
    const socket = createSocket(server.family === 4 ? 'udp4' : 'udp6');
    this.connecting.set(
      socket,
      new Promise((resolve) =>
        socket.connect(server.port, server.host, () => {
          this.connecting.delete(socket);
          resolve();
        }),
      ),
    );
    return socket;
  }

  /** Sends on a socket from acquire(), once it is connected; errors reach `done`. */
  send(socket: Socket, bytes: Buffer, done: (error: Error | null) => void): void {
    const sendNow = (): void => {
      try {
        socket.send(bytes, (error) => done(error ?? null));
      } catch (error) {
        done(error as Error);
      }
    };
    const pending = this.connecting.get(socket);
    if (pending) void pending.then(sendNow);
    else sendNow();
  }

  /** IDs of the last questions asked on `socket` (late answers to them are not noise). */
  recent(socket: Socket): readonly number[] {
    return this.recentIds.get(socket) ?? [];
  }

  /** Takes a socket back after a question with `id`; `healthy` false (it errored) closes it. */
  release(socket: Socket, server: ServerAddress, id: number, healthy: boolean): void {
    socket.removeAllListeners('message');
    socket.removeAllListeners('error');
    const idle = this.idle.get(server.text) ?? [];
    if (!healthy || this.closed || this.connecting.has(socket) || idle.length >= this.maxIdlePerServer) {
      closeQuietly(socket);
      return;
    }
    const ids = [...this.recent(socket), id].slice(-RECENT_IDS_KEPT);
    this.recentIds.set(socket, ids);
    // Late answers must not crash the process for want of an 'error' listener.
    socket.on('error', () => undefined);
    socket.unref();
    idle.push(socket);
    this.idle.set(server.text, idle);
  }

  close(): void {
    this.closed = true;
    for (const sockets of this.idle.values()) for (const socket of sockets) closeQuietly(socket);
    this.idle.clear();
  }
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
