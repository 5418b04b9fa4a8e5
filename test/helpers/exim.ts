// Starts a real MTA, Exim (Debian's exim4-daemon-heavy), for the SMTP integration tests: in the
// foreground (-bdf), on a free high port on 127.0.0.1 only, with a generated config whose spool,
// logs and PID file live in a temporary folder: STARTTLS with the test certificate, PLAIN, LOGIN and
// CRAM-MD5 logins for one user (only after TLS), a SIZE limit, a sender-must-match-login rule, one
// unknown recipient, and relaying refused without a login. Stopped by its PID.

import { spawn } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KeyPair } from './certificates.js';

export interface EximServer {
  port: number;
  log(): string;
  stop(): Promise<void>;
}

export interface EximOptions {
  tls: KeyPair;
  user: string;
  /** Letters and digits only: it is written into the config's expansion strings. */
  password: string;
  sizeLimit: string;
  unknownRecipient: string;
}

/** exim4 (or exim) on PATH or in /usr/sbin, or undefined. */
export function findExim(): string | undefined {
  for (const folder of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin']) {
    for (const name of ['exim4', 'exim']) {
      if (folder === '') continue;
      try {
        accessSync(join(folder, name), constants.X_OK);
        return join(folder, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function eximConfig(folder: string, port: number, options: EximOptions, runAs: string): string {
  const { user, password } = options;
  return `
primary_hostname = mx.example.net
exim_user = ${runAs}
exim_group = ${runAs}
keep_environment =
spool_directory = ${folder}/spool
log_file_path = ${folder}/log/%slog
pid_file_path = ${folder}/exim.pid
daemon_smtp_ports = ${port}
local_interfaces = 127.0.0.1
tls_advertise_hosts = *
tls_certificate = ${folder}/cert.pem
tls_privatekey = ${folder}/key.pem
message_size_limit = ${options.sizeLimit}
pipelining_advertise_hosts = *
auth_advertise_hosts = \${if eq{$tls_in_cipher}{}{}{*}}
acl_smtp_mail = acl_check_mail
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_mail:
  deny condition = \${if and{{def:authenticated_id}{!eq{$sender_address}{$authenticated_id}}}}
       message = 5.7.1 Sender address rejected: not owned by user $authenticated_id
  accept
acl_check_rcpt:
  deny recipients = ${options.unknownRecipient}
       message = 5.1.1 User unknown
  accept authenticated = *
  deny message = 5.7.1 Relaying denied: authentication required

begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and{{eq{$auth2}{${user}}}{eq{$auth3}{${password}}}}}
  server_set_id = $auth2
login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = <| Username: | Password:
  server_condition = \${if and{{eq{$auth1}{${user}}}{eq{$auth2}{${password}}}}}
  server_set_id = $auth1
cram:
  driver = cram_md5
  public_name = CRAM-MD5
  server_secret = \${if eq{$auth1}{${user}}{${password}}fail}
  server_set_id = $auth1
`;
}

/** Waits for the 220 banner. */
async function waitForBanner(port: number, deadlineMs: number, exited: () => boolean): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (exited()) throw new Error('exim exited during start-up');
    const banner = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('data', (chunk) => {
        resolve(chunk.toString().startsWith('220'));
        socket.end('QUIT\r\n');
      });
      socket.once('error', () => resolve(false));
    });
    if (banner) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`exim did not greet within ${deadlineMs} ms`);
}

export async function startExim(options: EximOptions): Promise<EximServer> {
  const exim = findExim();
  if (exim === undefined) throw new Error('exim not found (Debian package exim4-daemon-heavy)');
  const folder = mkdtempSync(join(tmpdir(), 'maillint-exim-'));
  // Exim drops root for its own user, which must read the key and write the spool and logs.
  const root = process.getuid?.() === 0;
  const runAs = root ? 'Debian-exim' : userInfo().username;
  chmodSync(folder, 0o755);
  mkdirSync(join(folder, 'spool'));
  mkdirSync(join(folder, 'log'));
  copyFileSync(options.tls.certPath, join(folder, 'cert.pem'));
  copyFileSync(options.tls.keyPath, join(folder, 'key.pem'));
  if (root) {
    const { uid, gid } = eximIds(runAs);
    for (const path of ['spool', 'log', 'key.pem', 'cert.pem']) chownSync(join(folder, path), uid, gid);
  }
  const port = await freePort();
  const configPath = join(folder, 'exim.conf');
  writeFileSync(configPath, eximConfig(folder, port, options, runAs));
  // Its own process group: the daemon forks one process per connection, which may still be logging
  // when the daemon exits, and stop() waits for the whole group before removing the folder.
  const child = spawn(exim, ['-C', configPath, '-bdf', '-oX', String(port)], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  const collect = (chunk: Buffer): void => void (log = (log + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined);
  try {
    await waitForBanner(port, 10_000, () => child.exitCode !== null);
  } catch (error) {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    await exited;
    await groupGone(child.pid!, 5000);
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    port,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
      await groupGone(child.pid!, 5000);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Waits until no process of the group is left (the connection handlers end after the daemon). */
async function groupGone(groupId: number, deadlineMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      process.kill(-groupId, 0);
    } catch {
      return;
    }
    if (Date.now() - started > deadlineMs) {
      process.kill(-groupId, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function eximIds(name: string): { uid: number; gid: number } {
  // node:os has no look-up by user name; /etc/passwd holds the Debian-exim ids.
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name}`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
