// Tests never leave this machine. Installed by test/run.ts before any suite loads: a UDP send or
// TCP connection to anything but loopback throws, so a test that forgot --offline or a local
// --resolver fails loudly (as dns-lookup-failed findings or an error) instead of querying the
// machine's real resolver.

import dgram from 'node:dgram';
import { isIP } from 'node:net';
import net from 'node:net';

function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === 'localhost') return true;
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare.startsWith('::ffff:127.');
  return false;
}

export class NetworkEscapeError extends Error {
  override name = 'NetworkEscapeError';
}

export function installLoopbackGuard(): void {
  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function guardedSend(this: dgram.Socket, ...args: unknown[]) {
    // send(msg, [offset, length,] port, address, [callback])
    const address = args.find((arg, index) => index > 0 && typeof arg === 'string') as string | undefined;
    if (!isLoopback(address)) throw new NetworkEscapeError(`test tried to send UDP to ${address}: tests only talk to 127.0.0.1`);
    return (send as (...inner: unknown[]) => void).apply(this, args);
  } as typeof send;

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    // net.connect() hands over its arguments already normalised, as an array [options, callback].
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const host =
      typeof first === 'object' && first !== null
        ? ((first as { host?: string; path?: string }).path ? 'localhost' : (first as { host?: string }).host)
        : typeof args[1] === 'string'
          ? args[1]
          : typeof first === 'string' && Number.isNaN(Number(first))
            ? 'localhost' // an IPC path
            : undefined;
    if (!isLoopback(host)) throw new NetworkEscapeError(`test tried to connect to ${host}: tests only talk to 127.0.0.1`);
    return (connect as (...inner: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
}
