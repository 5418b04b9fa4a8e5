// SMTP preflight round trips (DESIGN.md 9, issue 11): a message with 20 recipients against the
// in-process smtp-server behind a proxy that holds every server reply for 50 ms. STARTTLS and AUTH
// PLAIN, with and without PIPELINING (target with it: ≤ 8 round trips); then the whole CLI process
// beside swaks (Debian) doing the same dialogue (--quit-after RCPT) on the same server.
// Round trips are counted at the proxy: each time the client speaks after the server did (and the
// wait for the banner) is one. Wall time is printed beside them; it includes smtp-server's own
// pauses (100 ms before the banner to catch early talkers, its TLS upgrade), so it is more than
// round trips x 50 ms. The servers run in a child process, apart from the measured event loop.
// Prints figures, never asserts.

import { fork, spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRun } from '../../src/engine/run.js';
import { makeTestCertificates } from '../helpers/certificates.js';
import { startTestSmtpServer } from '../helpers/smtp-server.js';
import { BUILT_CLI, WORK_FOLDER, ensureBuilt } from './lib/build.js';
import { envNumber, formatMs, median, printResult, timeProcess } from './lib/measure.js';

const REPLY_DELAY_MS = 50;
const RECIPIENTS = 20;
const RUNS = Math.max(1, envNumber('BENCH_SMTP_RUNS', 5));
const TARGET_ROUND_TRIPS = 8;
const USER = 'alice@example.net';
const PASSWORD = 'benchPassword1';
const recipients = Array.from({ length: RECIPIENTS }, (_, index) => `r${index}@example.org`);

interface Ports {
  pipelining: number;
  plain: number;
  caPath: string;
}

/** Round trips of the last connection through either proxy. */
let turns = 0;

/** Forwards a connection, holding each chunk the server sends for `delayMs` (order kept), counting turns. */
async function delayingProxy(targetPort: number, delayMs: number): Promise<number> {
  const proxy = createServer((client: Socket) => {
    const server = connect({ host: '127.0.0.1', port: targetPort });
    client.setNoDelay(true);
    server.setNoDelay(true);
    // The client's first wait is for the banner.
    turns = 1;
    let clientSpokeLast = true;
    client.on('data', (chunk) => {
      if (!clientSpokeLast) turns += 1;
      clientSpokeLast = true;
      server.write(chunk);
    });
    server.on('data', (chunk) => {
      clientSpokeLast = false;
      setTimeout(() => client.writable && client.write(chunk), delayMs);
    });
    const close = (): void => {
      setTimeout(() => client.destroy(), delayMs);
      server.destroy();
    };
    server.on('close', close);
    server.on('error', close);
    client.on('close', () => server.destroy());
    client.on('error', () => server.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return (proxy.address() as { port: number }).port;
}

if (process.argv.includes('--serve')) {
  const certificates = makeTestCertificates();
  const common = { tls: certificates.good, users: { [USER]: PASSWORD } };
  const withPipelining = await startTestSmtpServer({ ...common, pipelining: true });
  const without = await startTestSmtpServer({ ...common, pipelining: false });
  const ports: Ports = {
    pipelining: await delayingProxy(withPipelining.port, REPLY_DELAY_MS),
    plain: await delayingProxy(without.port, REPLY_DELAY_MS),
    caPath: certificates.caPath,
  };
  process.on('message', (message) => {
    if (message === 'turns') {
      process.send!({ turns });
      return;
    }
    certificates.cleanup();
    process.exit(0);
  });
  process.send!(ports);
} else {
  await main();
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] });
  const ports = await new Promise<Ports>((resolve) => child.once('message', (message) => resolve(message as Ports)));
  const { readFileSync } = await import('node:fs');
  const ca = readFileSync(ports.caPath, 'utf8');
  const run = createRun();
  const lastTurns = (): Promise<number> =>
    new Promise((resolve) => {
      child.once('message', (message) => resolve((message as { turns: number }).turns));
      child.send('turns');
    });
  const shown = (trips: number, ms: number): string => `${trips} round trips (${formatMs(ms)} wall, ${REPLY_DELAY_MS} ms per reply)`;

  for (const [label, port, target] of [
    ['with PIPELINING', ports.pipelining, true],
    ['without PIPELINING', ports.plain, false],
  ] as const) {
    const times: number[] = [];
    let trips = 0;
    for (let index = 0; index < RUNS; index += 1) {
      const begin = performance.now();
      const result = await run.checkSmtp({ host: '127.0.0.1', port, ca, helo: 'bench.example.net', user: USER, password: PASSWORD, from: USER, to: recipients, timeoutMs: 5000 });
      times.push(performance.now() - begin);
      trips = await lastTurns();
      if (result.findings.length > 0) throw new Error(`unexpected findings: ${JSON.stringify(result.findings)}`);
    }
    printResult(
      `smtp preflight API, STARTTLS + AUTH PLAIN + ${RECIPIENTS} RCPT, ${label}`,
      shown(trips, median(times)),
      target ? { met: trips <= TARGET_ROUND_TRIPS, text: `≤ ${TARGET_ROUND_TRIPS} round trips` } : undefined,
    );
  }

  // Whole processes: the CLI a user runs, and swaks doing the same dialogue.
  ensureBuilt();
  mkdirSync(WORK_FOLDER, { recursive: true });
  const message = join(WORK_FOLDER, 'smtp-20-recipients.eml');
  writeFileSync(message, `From: ${USER}\r\nTo: ${recipients.join(',\r\n ')}\r\nSubject: bench\r\n\r\nhello\r\n`);
  const cliTimes: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const result = timeProcess(process.execPath, [BUILT_CLI, 'smtp', `127.0.0.1:${ports.pipelining}`, '--ca', ports.caPath, '--helo', 'bench.example.net', '--user', USER, '--message', message], {
      env: { ...process.env, MAILLINT_SMTP_PASSWORD: PASSWORD },
    });
    if (result.status !== 0) throw new Error(`maillint smtp exited ${result.status}: ${result.stdout}${result.stderr}`);
    cliTimes.push(result.wallMs);
  }
  printResult(`maillint smtp CLI process, ${RECIPIENTS} recipients, PIPELINING`, shown(await lastTurns(), median(cliTimes)) + ', start-up included');

  const swaks = spawnSync('swaks', ['--version'], { encoding: 'utf8' });
  if (swaks.error || swaks.status !== 0) {
    console.log('swaks not installed (Debian package swaks): no comparison');
  } else {
    for (const [label, pipeline] of [
      ['--pipeline', true],
      ['no --pipeline', false],
    ] as const) {
      const times: number[] = [];
      for (let index = 0; index < RUNS; index += 1) {
        const args = ['--server', `127.0.0.1:${pipeline ? ports.pipelining : ports.plain}`, '--quit-after', 'RCPT', '--from', USER, '--to', recipients.join(','), '--helo', 'bench.example.net'];
        args.push('--tls', '--tls-verify', '--tls-ca-path', ports.caPath, '--auth', 'PLAIN', '--auth-user', USER, '--auth-password', PASSWORD, '--hide-all');
        if (pipeline) args.push('--pipeline');
        const result = timeProcess('swaks', args);
        if (result.status !== 0) {
          console.log(`swaks exited ${result.status} (${result.stderr.trim().split('\n').pop()}); no comparison`);
          break;
        }
        times.push(result.wallMs);
      }
      if (times.length === RUNS) printResult(`swaks process, STARTTLS + AUTH PLAIN + ${RECIPIENTS} RCPT, ${label}, --quit-after RCPT`, shown(await lastTurns(), median(times)) + ', start-up included');
    }
  }
  child.send('close');
}
