// Reuses bound UDP sockets across questions: creating, binding and closing a socket per question
// costs more than the rest of a lookup on a fast network. A socket serves one question at a time,
// so matching answers stays as strict as with a fresh socket; answers that arrive late for the
// previous question on a socket are recognised by ID and ignored without being counted as noise.
// Idle sockets are unref'd so a forgotten close() never keeps the process alive.

import { createSocket, type Socket } from 'node:dgram';

const RECENT_IDS_KEPT = 4;

export class UdpSocketPool {
  private readonly idle: Record<4 | 6, Socket[]> = { 4: [], 6: [] };
  private readonly recentIds = new WeakMap<Socket, number[]>();
  private closed = false;

  constructor(private readonly maxIdlePerFamily: number) {}

  acquire(family: 4 | 6): Socket {
    const socket = this.idle[family].pop() ?? createSocket(family === 4 ? 'udp4' : 'udp6');
    socket.ref();
    return socket;
  }

  /** IDs of the last questions asked on `socket` (late answers to them are not noise). */
  recent(socket: Socket): readonly number[] {
    return this.recentIds.get(socket) ?? [];
  }

  /** Takes a socket back after a question with `id`; `healthy` false (it errored) closes it. */
  release(socket: Socket, family: 4 | 6, id: number, healthy: boolean): void {
    socket.removeAllListeners('message');
    socket.removeAllListeners('error');
    if (!healthy || this.closed || this.idle[family].length >= this.maxIdlePerFamily) {
      closeQuietly(socket);
      return;
    }
    const ids = [...this.recent(socket), id].slice(-RECENT_IDS_KEPT);
    this.recentIds.set(socket, ids);
    // Late answers must not crash the process for want of an 'error' listener.
    socket.on('error', () => undefined);
    socket.unref();
    this.idle[family].push(socket);
  }

  close(): void {
    this.closed = true;
    for (const family of [4, 6] as const) {
      for (const socket of this.idle[family]) closeQuietly(socket);
      this.idle[family] = [];
    }
  }
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
