// `maillint smtp HOST[:PORT]`: the submission preflight. Everything is checked before any
// connection (host, port, addresses, files, the password's source), so bad input is exit 2 and no
// network traffic. The password comes only from MAILLINT_SMTP_PASSWORD or --password-file and is
// never printed: not in a report, an error or the --verbose transcript.

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SmtpConfig } from '../../config/load.js';
import { ConfigError } from '../../errors.js';
import { InputFileError, readTextFile } from '../../input/read-text-file.js';
import { MAX_DNS_TIMEOUT_MS } from '../../dns/defaults.js';
import { escapeForLine } from '../../report/escape.js';
import { InvalidSmtpTargetError, checkEnvelopeAddress, checkHeloName, parseSmtpTarget } from '../../smtp/target.js';
import { SASL_MECHANISMS, type SaslMechanism } from '../../smtp/types.js';
import type { SmtpCheckRequest } from '../../engine/smtp-check.js';
import { createCliRun } from '../create-cli-run.js';
import { UsageError, type CliIo } from '../io.js';
import type { CommonArguments, SmtpOptionArguments } from '../options.js';
import { reportResults } from '../report-results.js';
import { buildRunSettings } from '../settings.js';

export interface SmtpArguments extends CommonArguments, SmtpOptionArguments {
  server?: string | undefined;
}

export const PASSWORD_VARIABLE = 'MAILLINT_SMTP_PASSWORD';
/** A password file holds one line; anything bigger is not one. */
const MAX_PASSWORD_FILE_BYTES = 64 * 1024;
const MAX_CA_FILE_BYTES = 1024 * 1024;
/** Bigger than any submission server takes (25 to 50 MB are usual). */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

function sideFile(path: string, io: CliIo, what: string, maxBytes: number): string {
  try {
    return readTextFile(resolve(io.cwd, path), { maxBytes });
  } catch (error) {
    // The file is named, never quoted: it may hold a secret.
    if (error instanceof InputFileError) throw new UsageError(`cannot read ${what} ${escapeForLine(path)}: ${error.reason}`);
    throw error;
  }
}

function passwordOf(args: SmtpArguments, io: CliIo): string | undefined {
  if (args['password-file'] !== undefined) {
    const firstLine = sideFile(args['password-file'], io, '--password-file', MAX_PASSWORD_FILE_BYTES).split('\n')[0]!.replace(/\r$/, '');
    if (firstLine === '') throw new UsageError(`--password-file ${escapeForLine(args['password-file'])}: its first line is empty`);
    return firstLine;
  }
  const fromEnvironment = io.env[PASSWORD_VARIABLE];
  return fromEnvironment === undefined || fromEnvironment === '' ? undefined : fromEnvironment;
}

function messageBytes(path: string, io: CliIo): Uint8Array {
  const absolute = resolve(io.cwd, path);
  try {
    const stats = statSync(absolute);
    if (!stats.isFile()) throw new UsageError(`--message ${escapeForLine(path)}: not a regular file`);
    if (stats.size > MAX_MESSAGE_BYTES) throw new UsageError(`--message ${escapeForLine(path)}: larger than ${MAX_MESSAGE_BYTES / (1024 * 1024)} MB, more than any submission server takes`);
    return readFileSync(absolute);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read --message ${escapeForLine(path)}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable')}`);
  }
}

function mechanismOf(name: string | undefined): SaslMechanism | undefined {
  if (name === undefined) return undefined;
  const upper = name.toUpperCase();
  if (upper === 'SPA') return 'NTLM';
  if (!(SASL_MECHANISMS as readonly string[]).includes(upper)) throw new UsageError(`--auth ${escapeForLine(name)}: choose one of ${SASL_MECHANISMS.join(', ')}`);
  return upper as SaslMechanism;
}

/** The request, all of it checked: a UsageError here means no connection was made. */
async function buildRequest(args: SmtpArguments, io: CliIo, config: SmtpConfig | undefined): Promise<SmtpCheckRequest> {
  const given = args.server ?? config?.host;
  if (given === undefined) throw new UsageError('no server: name one, as in maillint smtp smtp.example.net:587 (or "smtp": { "host" } in the config file)');
  const target = parseSmtpTarget(given);
  // The config's port belongs to the config's host.
  const port = target.port ?? (args.server === undefined ? config?.port : undefined);
  const timeout = args.timeout;
  if (timeout !== undefined && (!Number.isFinite(timeout) || timeout < 1 || timeout > MAX_DNS_TIMEOUT_MS)) {
    throw new UsageError(`--timeout takes milliseconds from 1 to ${MAX_DNS_TIMEOUT_MS}, not ${String(timeout)}`);
  }
  const user = args.user ?? config?.user;
  const password = passwordOf(args, io);
  if (user !== undefined && password === undefined) {
    throw new UsageError(`--user needs a password: set ${PASSWORD_VARIABLE}, or give --password-file FILE (never --password)`);
  }
  if (args['password-file'] !== undefined && user === undefined) throw new UsageError('--password-file needs --user (or "smtp": { "user" } in the config file)');
  if (args.from !== undefined) checkEnvelopeAddress(args.from, '--from');
  for (const address of args.to ?? []) checkEnvelopeAddress(address, '--to');
  // RCPT TO follows MAIL FROM: without a sender the recipients would never be asked, yet the run would pass.
  if ((args.to ?? []).length > 0 && args.from === undefined && args.message === undefined) {
    throw new UsageError('--to needs a sender: give --from ADDR (RCPT TO is only asked after MAIL FROM), or --message FILE whose From is the sender');
  }
  const helo = args.helo ?? config?.helo;
  if (helo !== undefined) checkHeloName(helo);
  const auth = mechanismOf(args.auth) ?? config?.auth;
  const ca = args.ca === undefined ? undefined : sideFile(args.ca, io, '--ca', MAX_CA_FILE_BYTES);
  if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${escapeForLine(args.ca!)} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  const request: SmtpCheckRequest = { host: target.host };
  if (port !== undefined) request.port = port;
  const tls = args.tls ?? config?.tls;
  if (tls !== undefined) request.tls = tls;
  if (ca !== undefined) request.ca = ca;
  if (helo !== undefined) request.helo = helo;
  if (user !== undefined) request.user = user;
  if (user !== undefined && password !== undefined) request.password = password;
  if (auth !== undefined) request.auth = auth;
  if (args.message !== undefined) {
    request.message = messageBytes(args.message, io);
    request.target = args.message;
  }
  if (args.from !== undefined) request.from = args.from;
  if (args.to !== undefined && args.to.length > 0) request.to = args.to;
  if (timeout !== undefined) request.timeoutMs = timeout;
  if (args.verbose) request.onTranscript = (line) => io.stderr(`${line.from}: ${escapeForLine(line.text)}\n`);
  return request;
}

export async function runSmtp(args: SmtpArguments, io: CliIo): Promise<number> {
  if (args.password !== undefined) {
    throw new UsageError(`--password is refused: a password on the command line lands in shell history and CI logs; set ${PASSWORD_VARIABLE} (a CI secret) or give --password-file FILE`);
  }
  const settings = await buildRunSettings(args, io);
  let request: SmtpCheckRequest;
  try {
    request = await buildRequest(args, io, settings.smtp);
  } catch (error) {
    if (error instanceof InvalidSmtpTargetError || error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const run = createCliRun(settings, undefined);
  let result: Awaited<ReturnType<typeof run.checkSmtp>>;
  try {
    result = await run.checkSmtp(request);
  } catch (error) {
    // A message with recipients but no sender is refused before any connection.
    if (error instanceof InvalidSmtpTargetError) throw new UsageError(`--message ${escapeForLine(args.message ?? '')}: ${error.message}`);
    throw error;
  }
  result.kind = request.message === undefined ? 'smtp' : 'file';
  return reportResults([result], args, io, settings);
}
