// SMTP servers for the tests, on 127.0.0.1 only: a real one from the `smtp-server` package (the
// nodemailer family) configured per test, and a scripted raw one for what no real server does on
// purpose (a silent or refusing banner, garbage, an endless line, a drop, a stalled TLS handshake).
//
//   const server = await startTestSmtpServer({ tls: certificates.good, users: { alice: 'secret' } });
//   ... run.checkSmtp({ host: '127.0.0.1', port: server.port, ca: certificates.ca, ... })
//   await server.stop();

import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { KeyPair } from './certificates.js';

export interface TestSmtpServer {
  port: number;
  /** What the server saw: commands by name (EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, …). */
  commands: string[];
  stop(): Promise<void>;
}

export interface TestSmtpOptions {
  /** Certificate for STARTTLS (or implicit TLS with `implicit`); none: no STARTTLS offered. */
  tls?: KeyPair;
  implicit?: boolean;
  /** Logins the server accepts; absent: no AUTH offered. */
  users?: Readonly<Record<string, string>>;
  authMethods?: string[];
  /** Mail without a login is refused with 530 (the smtp-server default when AUTH is on). */
  authOptional?: boolean;
  size?: number;
  pipelining?: boolean;
  eightBitMime?: boolean;
  smtpUtf8?: boolean;
  /** Refusals by address: [code, text]. */
  refuseSenders?: Readonly<Record<string, readonly [number, string]>>;
  refuseRecipients?: Readonly<Record<string, readonly [number, string]>>;
  /** Refuse every MAIL FROM with this, e.g. [550, '5.7.1 Relaying denied']. */
  refuseAllMail?: readonly [number, string];
  /** Refuse a wrong login with this instead of 535, e.g. [534, '5.7.9 Application-specific password required']. */
  authRefusal?: readonly [number, string];
}

function refusal([code, text]: readonly [number, string]): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const commands: string[] = [];
  const users = options.users;
  const settings: SMTPServerOptions = {
    logger: false,
    name: 'mx.example.net',
    // smtp-server looks up the client's PTR by default: that query would leave the machine.
    disableReverseLookup: true,
    secure: options.implicit === true,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { hideSTARTTLS: true }),
    ...(users ? { authMethods: options.authMethods ?? ['PLAIN', 'LOGIN', 'CRAM-MD5', 'XOAUTH2'], authOptional: options.authOptional ?? false } : { disabledCommands: ['AUTH'], authOptional: true }),
    // Let AUTH through over a plain connection; the client, not the server, is under test.
    allowInsecureAuth: true,
    ...(options.size === undefined ? {} : { size: options.size }),
    hidePIPELINING: options.pipelining === false,
    hide8BITMIME: options.eightBitMime === false,
    hideSMTPUTF8: options.smtpUtf8 === false,
    onConnect(_session, callback) {
      callback();
    },
    onAuth(auth, _session, callback) {
      commands.push(`AUTH ${auth.method}`);
      const expected = users?.[auth.username ?? ''];
      const ok =
        expected !== undefined &&
        (auth.method === 'CRAM-MD5' ? auth.validatePassword?.(expected) === true : auth.method === 'XOAUTH2' ? auth.accessToken === expected : auth.password === expected);
      if (!ok) return callback(refusal(options.authRefusal ?? [535, '5.7.8 Authentication credentials invalid']));
      callback(null, { user: auth.username });
    },
    onMailFrom(address, _session, callback) {
      commands.push(`MAIL ${address.address}`);
      if (options.refuseAllMail) return callback(refusal(options.refuseAllMail));
      const refused = options.refuseSenders?.[address.address];
      callback(refused ? refusal(refused) : null);
    },
    onRcptTo(address, _session, callback) {
      commands.push(`RCPT ${address.address}`);
      const refused = options.refuseRecipients?.[address.address];
      callback(refused ? refusal(refused) : null);
    },
    onData(stream, _session, callback) {
      commands.push('DATA');
      stream.resume();
      stream.on('end', () => callback());
    },
  };
  const server = new SMTPServer(settings);
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: Server }).server.address() as { port: number }).port;
  return {
    port,
    commands,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type RawFault =
  /** Accepts and says nothing. */
  | 'silent-banner'
  | 'banner-421'
  | 'banner-554'
  /** Banner, then closes the connection when EHLO arrives. */
  | 'drop-after-ehlo'
  /** Answers EHLO with a line that is not a reply. */
  | 'garbage'
  /** Answers EHLO with an endless line (no line break ever). */
  | 'endless-line'
  /** Offers STARTTLS, says 220 to it, then never starts the handshake. */
  | 'stall-tls'
  /** A banner with terminal escapes and bidi overrides in its text. */
  | 'escape-banner'
  /** Offers AUTH PLAIN and answers it with a line that is not a reply, quoting the password. */
  | 'echo-password-garbage'
  /** Offers AUTH PLAIN and refuses it with a long 535 whose text ends with the password. */
  | 'echo-password-long-reply'
  /** Answers each step `replyDelayMs` after the reply before (never past a step deadline); refuses RCPT to nobody@. */
  | 'slow-replies';

export interface RawServerOptions {
  /** With 'slow-replies': the pause before each reply (default 25 ms). */
  replyDelayMs?: number;
  /** With 'slow-replies': offer PIPELINING (default true). */
  pipelining?: boolean;
}

/** A scripted server for faults no real server produces on purpose. */
export async function startRawSmtpServer(fault: RawFault, options: RawServerOptions = {}): Promise<TestSmtpServer> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const write = (text: string): void => void (socket.writable && socket.write(text));
    // The slow server queues its replies, each a pause after the one before, in order.
    let queue = Promise.resolve();
    const later = (action: () => void): void => {
      queue = queue.then(() => new Promise<void>((resolve) => setTimeout(resolve, options.replyDelayMs ?? 25))).then(action);
    };
    const say = (text: string): void => (fault === 'slow-replies' ? later(() => write(text)) : write(text));
    if (fault === 'silent-banner') return;
    if (fault === 'banner-421') return say('421 4.3.2 mx.example.net Service not available, closing channel\r\n');
    if (fault === 'banner-554') return say('554 5.7.1 mx.example.net No SMTP service here\r\n');
    say(fault === 'escape-banner' ? '220 mx.example.net \u001b[31mred\u001b[0m \u202eevil\r\n' : '220 mx.example.net ESMTP\r\n');
    let pending = '';
    let stalled = false;
    socket.on('data', (chunk) => {
      // After its 220 to STARTTLS the stalling server reads the ClientHello and never answers.
      if (stalled) return;
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, end).replace(/\r$/, '');
        pending = pending.slice(end + 1);
        const verb = line.split(' ')[0]!.toUpperCase();
        commands.push(verb);
        if (verb === 'EHLO') {
          if (fault === 'drop-after-ehlo') return socket.destroy();
          if (fault === 'garbage') return say('HELLO THERE, this is not SMTP\r\n');
          if (fault === 'endless-line') {
            const block = '250-' + 'A'.repeat(64 * 1024);
            const flood = (): void => {
              while (socket.writable && socket.write(block));
              if (socket.writable) socket.once('drain', flood);
            };
            return flood();
          }
          const auth = fault.startsWith('echo-password') ? '250-AUTH PLAIN\r\n' : '';
          const pipelining = fault !== 'slow-replies' || options.pipelining !== false ? '250 PIPELINING' : '250 HELP';
          say(`250-mx.example.net\r\n${auth}250-STARTTLS\r\n${pipelining}\r\n`);
        } else if (verb === 'AUTH' && fault.startsWith('echo-password')) {
          // A hostile server holds the password once it is sent; what it sends back must not print it.
          const password = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8').split('\u0000')[2] ?? '';
          if (fault === 'echo-password-garbage') say(`your password is ${password}\r\n`);
          else say(`535 5.7.8 ${'x'.repeat(280)} ${password}\r\n`);
        } else if (verb === 'STARTTLS') {
          say('220 2.0.0 Ready to start TLS\r\n');
          stalled = fault === 'stall-tls';
          if (stalled) return;
        } else if (fault === 'slow-replies' && /^RCPT TO:<nobody@/i.test(line)) {
          say('550 5.1.1 No such user\r\n');
        } else if (verb === 'QUIT') {
          say('221 2.0.0 Bye\r\n');
          if (fault === 'slow-replies') later(() => socket.end());
          else socket.end();
        } else say('250 2.0.0 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    commands,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
