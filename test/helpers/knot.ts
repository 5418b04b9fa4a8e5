// Starts a real authoritative server, Knot DNS (`knotd` from Debian's `knot` package), for the
// integration tests: in the foreground, on a free high port on 127.0.0.1 only (never port 53),
// with a generated knot.conf whose rundir, control socket and storage live in a temporary folder,
// serving the zone files it is given. Stopped by its PID.
//
//   const knot = await startKnot({ zoneFiles: ['test/fixtures/knot/example.net.zone'] });
//   resolver = createNetworkResolver({ servers: [knot.address] });
//   await knot.stop();

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { createNetworkResolver } from '../../src/dns/network-resolver.js';
import { parseZoneFile } from '../../src/dns/zone-file.js';

export interface KnotServer {
  pid: number;
  port: number;
  /** `127.0.0.1:PORT`, as a resolver takes it. */
  address: string;
  /** The zones served (apex names). */
  zones: string[];
  /** What knotd wrote to stderr (warnings and errors only). */
  log(): string;
  stop(): Promise<void>;
}

/** Where knotd is, or undefined: on PATH, or in /usr/sbin (not on a non-root user's PATH). */
export function findKnotd(): string | undefined {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const folder of folders) {
    if (folder === '') continue;
    const candidate = join(folder, 'knotd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A port free for both UDP and TCP on 127.0.0.1 right now, in the high range. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const tcp = createServer();
    const port = await new Promise<number>((done, fail) => {
      tcp.once('error', fail);
      tcp.listen(0, '127.0.0.1', () => done((tcp.address() as { port: number }).port));
    });
    const udp = createSocket('udp4');
    const udpFree = await new Promise<boolean>((done) => {
      udp.once('error', () => done(false));
      udp.bind(port, '127.0.0.1', () => done(true));
    });
    udp.close();
    await new Promise<void>((done) => tcp.close(() => done()));
    if (udpFree && port >= 1024) return port;
  }
  throw new Error('no free port for knotd on 127.0.0.1');
}

function quote(path: string): string {
  return JSON.stringify(path);
}

function knotConf(folder: string, port: number, zones: { apex: string; file: string }[]): string {
  return [
    'server:',
    `    rundir: ${quote(join(folder, 'run'))}`,
    `    listen: 127.0.0.1@${port}`,
    '    udp-workers: 1',
    '    tcp-workers: 1',
    '    background-workers: 1',
    'control:',
    `    listen: ${quote(join(folder, 'run', 'knot.sock'))}`,
    'log:',
    '  - target: stderr',
    '    any: warning',
    'database:',
    `    storage: ${quote(join(folder, 'db'))}`,
    'template:',
    '  - id: default',
    `    storage: ${quote(join(folder, 'db'))}`,
    // Read the zone files as they are; never write them back, keep no journal.
    '    zonefile-sync: -1',
    '    zonefile-load: whole',
    '    journal-content: none',
    '    semantic-checks: on',
    'zone:',
    ...zones.flatMap((zone) => [`  - domain: ${zone.apex}`, `    file: ${quote(zone.file)}`]),
    '',
  ].join('\n');
}

/** Asks for each zone's SOA until every zone answers, or the deadline passes. */
async function waitUntilServing(address: string, zones: string[], child: ChildProcess, deadlineMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`knotd exited with code ${child.exitCode}`);
    const resolver = createNetworkResolver({ servers: [address], timeoutMs: 200 });
    try {
      const answers = await Promise.all(zones.map((zone) => resolver.lookup(zone, 'SOA')));
      if (answers.every((answer) => answer.status === 'ok')) return;
    } finally {
      resolver.close();
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`knotd did not serve ${zones.join(', ')} within ${deadlineMs} ms`);
}

export async function startKnot(options: { zoneFiles: readonly string[]; knotd?: string; startupMs?: number }): Promise<KnotServer> {
  const knotd = options.knotd ?? findKnotd();
  if (knotd === undefined) throw new Error('knotd not found (Debian package "knot")');
  const zones = options.zoneFiles.map((file) => {
    const path = resolve(file);
    return { apex: parseZoneFile(readFileSync(path, 'utf8'), { fileName: path }).origin, file: path };
  });
  const folder = mkdtempSync(join(tmpdir(), 'maillint-knot-'));
  mkdirSync(join(folder, 'run'));
  mkdirSync(join(folder, 'db'));
  const configPath = join(folder, 'knot.conf');

  let lastError: unknown;
  // The port is free when chosen, but another process may take it before knotd binds: retry.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    writeFileSync(configPath, knotConf(folder, port, zones));
    // Foreground (no -d); knotd logs to stderr per the config.
    const child = spawn(knotd, ['--config', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      log = (log + chunk).slice(-20_000);
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('error', (error) => {
      lastError = error;
    });
    const address = `127.0.0.1:${port}`;
    try {
      await waitUntilServing(address, zones.map((zone) => zone.apex), child, options.startupMs ?? 10_000);
    } catch (error) {
      lastError = new Error(`${(error as Error).message}\n${log}`);
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      continue;
    }
    return {
      pid: child.pid!,
      port,
      address,
      zones: zones.map((zone) => zone.apex),
      log: () => log,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          process.kill(child.pid!, 'SIGTERM');
          const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, 'SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  rmSync(folder, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
