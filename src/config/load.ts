// maillint.config.json: found upward from the working folder (or named with --config), parsed,
// and validated strictly. Any mistake is a ConfigError naming the file, so a typo in a check id
// or an option never silently turns a check off.

import { selectorProblem } from '../auth/dkim-signature.js';
import { statSync } from 'node:fs';
import { ipFamilyOf } from '../net/ip-text.js';
import { dirname, join, resolve } from 'node:path';
import { allChecks } from '../../checks/index.js';
import { MAX_DNS_CONCURRENCY, MAX_DNS_TIMEOUT_MS } from '../dns/defaults.js';
import { ConfigError, isSeverity, refuseUnknownCheckIds, resolveRules } from '../engine/rules.js';
import { quoteUserText, showUserValue } from '../input/quote.js';
import { InputFileError, readTextFile } from '../input/read-text-file.js';
import type { Profile, RuleSetting } from '../types.js';
import { parseJson } from './parse-json.js';
import { InvalidSmtpTargetError, parseSmtpTarget } from '../smtp/target.js';
import { SASL_MECHANISMS, type SaslMechanism, type SmtpTlsMode } from '../smtp/types.js';

export const CONFIG_FILE_NAME = 'maillint.config.json';

/** A config is a few hundred bytes; 1 MB is room for long comments, and no more is ever read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** What a config file may set; every key is optional. Paths are already absolute. */
export interface ConfigSettings {
  rules?: Record<string, RuleSetting>;
  profile?: Profile;
  resolvers?: string[];
  /** Zone files, resolved against the config file's folder. */
  zones?: string[];
  /** Blocklists as written (zone names or objects), already checked by validateBlocklistSettings. */
  dnsbl?: unknown[];
  sendingIps?: string[];
  /** DKIM selectors whose keys `maillint domain` checks for every domain, lower-case. */
  dkimSelectors?: string[];
  timeoutMs?: number;
  concurrency?: number;
  headerLimitBytes?: number;
  smtp?: SmtpConfig;
}

/** The `smtp` section: the submission server `maillint smtp` checks. Never a password. */
export interface SmtpConfig {
  host?: string;
  port?: number;
  tls?: SmtpTlsMode;
  user?: string;
  auth?: SaslMechanism;
  helo?: string;
}

export interface LoadedConfig {
  path: string;
  settings: ConfigSettings;
}

/** The keys a config file may hold, with what each takes (shown in errors). */
const CONFIG_KEYS: Readonly<Record<string, string>> = {
  rules: 'an object of check id → "off" | "info" | "warn" | "error" | [severity, options]',
  profile: '"final" or "template"',
  resolver: 'a nameserver "host[:port]" or a list of them',
  zones: 'a zone file path or a list of them (relative to the config file)',
  dnsbl: 'a list of blocklists (zone names, or objects with return-code maps)',
  sendingIps: 'a list of IP addresses',
  dkimSelectors: 'a list of DKIM selectors (the s= of your signatures), checked by maillint domain',
  timeout: `milliseconds from 1 to ${MAX_DNS_TIMEOUT_MS}`,
  concurrency: `a whole number from 1 to ${MAX_DNS_CONCURRENCY}`,
  headerLimitBytes: 'a whole number ≥ 1024',
  smtp: 'an object: { "host", "port", "tls", "user", "auth", "helo" } (never a password)',
};

const SMTP_KEYS: Readonly<Record<string, string>> = {
  host: 'a host name or IP address',
  port: 'a whole number from 1 to 65535',
  tls: '"starttls", "implicit" or "none"',
  user: 'a user name',
  auth: `one of ${SASL_MECHANISMS.map((name) => `"${name}"`).join(', ')}`,
  helo: 'a host name for EHLO',
};

function smtpSection(value: unknown, fail: (message: string) => never): SmtpConfig {
  if (!isPlainObject(value)) fail(`"smtp" must be ${CONFIG_KEYS.smtp}`);
  const section: SmtpConfig = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith('//')) continue;
    // A password in a config file ends up in a repository: refused, whatever its value.
    if (/pass/i.test(key)) fail('"smtp" never holds a password: set MAILLINT_SMTP_PASSWORD, or give --password-file');
    const wrong = (): never => fail(`"smtp.${key}" must be ${SMTP_KEYS[key]}, not ${showUserValue(entry)}`);
    switch (key) {
      case 'host':
        if (typeof entry !== 'string') wrong();
        try {
          const target = parseSmtpTarget(entry as string);
          if (target.port !== undefined) fail('"smtp.host" is a host name alone; give the port as "smtp.port"');
          section.host = target.host;
        } catch (error) {
          if (error instanceof InvalidSmtpTargetError) fail(`"smtp.host": ${error.message}`);
          throw error;
        }
        break;
      case 'port':
        if (typeof entry !== 'number' || !Number.isInteger(entry) || entry < 1 || entry > 65535) wrong();
        section.port = entry as number;
        break;
      case 'tls':
        if (entry !== 'starttls' && entry !== 'implicit' && entry !== 'none') wrong();
        section.tls = entry as SmtpTlsMode;
        break;
      case 'user':
      case 'helo':
        if (typeof entry !== 'string' || entry === '' || (key === 'helo' && /[\u0000-\u0020\u007f]/.test(entry))) wrong();
        section[key] = entry as string;
        break;
      case 'auth': {
        const name = typeof entry === 'string' ? entry.toUpperCase() : '';
        if (!(SASL_MECHANISMS as readonly string[]).includes(name)) wrong();
        section.auth = name as SaslMechanism;
        break;
      }
      default:
        fail(`unknown key ${quoteUserText(`smtp.${key}`)} (known: ${Object.keys(SMTP_KEYS).join(', ')})`);
    }
  }
  return section;
}

/** Walks up from `folder` to the filesystem root; the first maillint.config.json found wins. */
export async function findConfigFile(folder: string): Promise<string | undefined> {
  let current = resolve(folder);
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    try {
      // Sync: one stat per folder up to the root, and no first use of libuv's thread pool for it (issue 15).
      if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    } catch {
      // Not here (or not readable as a folder entry): keep walking up.
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, key: string, fail: (message: string) => never): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && item.length > 0)) {
    fail(`"${key}" must be ${CONFIG_KEYS[key]}`);
  }
  return list as string[];
}

/** Checked here, not only when the blocklists are asked: an --offline run prints the file's list. */
function ipList(value: unknown, key: string, fail: (message: string) => never): string[] {
  const list = stringList(value, key, fail);
  const wrong = list.find((item) => ipFamilyOf(item) === 0);
  if (wrong !== undefined) fail(`"${key}" must be ${CONFIG_KEYS[key]}; ${quoteUserText(wrong)} is not one`);
  return list;
}

function numberInRange(value: unknown, key: string, range: { minimum: number; maximum?: number; whole: boolean }, fail: (message: string) => never): number {
  const { minimum, maximum = Number.MAX_SAFE_INTEGER, whole } = range;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum || value > maximum || (whole && !Number.isInteger(value))) {
    fail(`"${key}" must be ${CONFIG_KEYS[key]}, not ${showUserValue(value)}`);
  }
  return value;
}

function ruleEntries(value: unknown, fail: (message: string) => never): Record<string, RuleSetting> {
  if (!isPlainObject(value)) fail(`"rules" must be ${CONFIG_KEYS.rules}`);
  // Ids first: the messages below name the id, and "__proto__" must not reach `rules[id] =`.
  try {
    refuseUnknownCheckIds(allChecks, Object.keys(value));
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const rules: Record<string, RuleSetting> = {};
  for (const [id, entry] of Object.entries(value)) {
    if (typeof entry === 'string') {
      if (!isSeverity(entry)) fail(`rule ${id}: severity must be "off", "info", "warn" or "error", not ${showUserValue(entry)}`);
      rules[id] = entry;
    } else if (Array.isArray(entry) && (entry.length === 1 || entry.length === 2)) {
      const [severity, options] = entry as [unknown, unknown];
      if (!isSeverity(severity)) fail(`rule ${id}: severity must be "off", "info", "warn" or "error", not ${showUserValue(severity)}`);
      if (options !== undefined && !isPlainObject(options)) fail(`rule ${id}: options must be an object, as in ["warn", { … }]`);
      rules[id] = options === undefined ? severity : [severity, options as Record<string, never>];
    } else {
      fail(`rule ${id}: expected a severity or [severity, options], not ${showUserValue(entry)}`);
    }
  }
  return rules;
}

/**
 * Validates a parsed config (pure: no I/O). `path` names the file in errors and anchors relative
 * zone paths. Keys starting with "//" are comments (JSON has none of its own).
 */
function validateConfig(value: unknown, path: string): ConfigSettings {
  const fail = (message: string): never => {
    throw new ConfigError(`${path}: ${message}`);
  };
  if (!isPlainObject(value)) fail('the config must be a JSON object, as in { "rules": { … } }');
  const config = value as Record<string, unknown>;
  const settings: ConfigSettings = {};
  for (const [key, entry] of Object.entries(config)) {
    if (key.startsWith('//') || key === '$schema') continue;
    switch (key) {
      case 'rules':
        settings.rules = ruleEntries(entry, fail);
        break;
      case 'profile':
        if (entry !== 'final' && entry !== 'template') fail(`"profile" must be ${CONFIG_KEYS.profile}, not ${showUserValue(entry)}`);
        settings.profile = entry as Profile;
        break;
      case 'resolver':
        settings.resolvers = stringList(entry, key, fail);
        break;
      case 'zones':
        settings.zones = stringList(entry, key, fail).map((zone) => resolve(dirname(path), zone));
        break;
      case 'dnsbl':
        if (!Array.isArray(entry) || !entry.every((item) => typeof item === 'string' || isPlainObject(item))) {
          fail(`"dnsbl" must be ${CONFIG_KEYS.dnsbl}`);
        }
        settings.dnsbl = entry as unknown[];
        break;
      case 'sendingIps':
        settings.sendingIps = ipList(entry, key, fail);
        break;
      case 'dkimSelectors':
        settings.dkimSelectors = stringList(entry, key, fail).map((selector) => {
          const problem = selectorProblem(selector);
          if (problem !== undefined) fail(`"dkimSelectors": ${showUserValue(selector)} is not a DKIM selector: ${problem}`);
          return selector.toLowerCase();
        });
        break;
      case 'timeout':
        settings.timeoutMs = numberInRange(entry, key, { minimum: 1, maximum: MAX_DNS_TIMEOUT_MS, whole: false }, fail);
        break;
      case 'concurrency':
        settings.concurrency = numberInRange(entry, key, { minimum: 1, maximum: MAX_DNS_CONCURRENCY, whole: true }, fail);
        break;
      case 'headerLimitBytes':
        settings.headerLimitBytes = numberInRange(entry, key, { minimum: 1024, whole: true }, fail);
        break;
      case 'smtp':
        settings.smtp = smtpSection(entry, fail);
        break;
      default:
        fail(`unknown key ${quoteUserText(key)} (known: ${Object.keys(CONFIG_KEYS).join(', ')}; keys starting with "//" are comments)`);
    }
  }
  // Check ids, severities and options are the engine's to judge: one set of rules for file and API.
  try {
    resolveRules(allChecks, settings.rules ?? {}, settings.profile ?? 'final');
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  return settings;
}

/** Parses and validates a config file's text; `path` names it in errors. */
export async function parseConfigText(text: string, path: string): Promise<ConfigSettings> {
  const parsed = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) {
    const where = parsed.failure.line !== undefined ? `:${parsed.failure.line}:${parsed.failure.column}` : '';
    throw new ConfigError(`${path}${where}: invalid JSON: ${parsed.failure.reason}`);
  }
  const settings = validateConfig(parsed.value, path);
  if (settings.dnsbl) {
    // Loaded only when a config names blocklists: linting a message never pays for the catalogue.
    const { validateBlocklistSettings } = await import('../dnsbl/catalogue.js');
    validateBlocklistSettings(settings.dnsbl, `${path}: dnsbl`);
  }
  return settings;
}

export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    // A regular file only, and never past the cap: --config /dev/zero or a FIFO is refused at once.
    text = readTextFile(path, { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    if (error instanceof InputFileError) throw new ConfigError(`cannot read config file ${path}: ${error.reason}`);
    throw error;
  }
  return { path, settings: await parseConfigText(text, path) };
}

/** `--config FILE` (relative to `cwd`), else the nearest maillint.config.json upward, else none. */
export async function loadConfig(cwd: string, explicitPath?: string): Promise<LoadedConfig | undefined> {
  if (explicitPath !== undefined) return loadConfigFile(resolve(cwd, explicitPath));
  const found = await findConfigFile(cwd);
  return found ? loadConfigFile(found) : undefined;
}
