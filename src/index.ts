// The public API of maillint, by area. Everything here is a supported interface; anything not
// exported here is internal and may change.

// The run object: settings resolved once, then any number of messages, files, addresses, domains
// and IPs (pass `resolver` for DNS; without one a run makes no query).
export { createRun, type Run, type RunOptions, type FileRunOptions } from './engine/run.js';
// One-call forms, each a run of its own.
export {
  lintMessage,
  fixMessage,
  lintFiles,
  lintFileStream,
  checkAddresses,
  auditDomains,
  checkIps,
  checkSmtp,
  verdictOf,
  type AddressVerdict,
  type LintOptions,
  type LintFilesOptions,
} from './engine/api.js';
export { InvalidDomainError, MAX_DOMAINS_PER_MESSAGE } from './engine/domain-audits.js';
export type { MessageFix } from './engine/fix-message.js';
// The SMTP submission preflight (maillint smtp): what to check, and the facts the smtp-* checks judge.
export { DEFAULT_SMTP_TIMEOUT_MS, type SmtpCheckRequest } from './engine/smtp-check.js';
export { InvalidSmtpTargetError } from './smtp/target.js';
export type { SmtpFacts, SmtpReply, SmtpTlsMode, SaslMechanism } from './smtp/types.js';
export { parseMessage, MessageScanner, type ScanOptions } from './message/scan.js';

// Addresses: the parser under the address checks.
export {
  parseAddressList,
  type AddressEntry,
  type AddressProblem,
  type AddressProblemCategory,
  type Group,
  type Mailbox,
  type ParseAddressOptions,
  type ParsedAddressList,
} from './message/address-list.js';
export { domainsNamedIn, type NamedDomain } from './message/address.js';

// Checks, rules and configuration.
export { allChecks as checks } from '../checks/index.js';
export { resolveRules, ConfigError, PROFILE_SEVERITIES, type ResolvedRule } from './engine/rules.js';
export {
  loadConfig,
  loadConfigFile,
  findConfigFile,
  parseConfigText,
  CONFIG_FILE_NAME,
  type ConfigSettings,
  type LoadedConfig,
} from './config/load.js';

// DNS: resolvers (network, zone files, or both as the CLI picks them) and host-name validation.
export { createResolver, type CreateResolverOptions, type ResolverSettings } from './dns/create-resolver.js';
export { createNetworkResolver, type NetworkResolver, type NetworkResolverOptions } from './dns/network-resolver.js';
export { ServerAddressError } from './dns/server-address.js';
export { loadZoneFiles, ZoneFileError, type ZoneFileResolver } from './dns/zone-file-resolver.js';
export { parseZoneFile, type ParsedZone } from './dns/zone-file.js';
export { validateHostname, type HostnameOptions, type HostnameResult } from './dns/hostname.js';
export { DEFAULT_DNS_CONCURRENCY, DEFAULT_DNS_TIMEOUT_MS } from './dns/defaults.js';
export type * from './dns/types.js';

// The facts the domain checks judge (mx-*, domain-nxdomain, dns-lookup-failed).
export { gatherDomainFacts } from './dns/gather-domain-facts.js';
export type * from './dns/domain-facts-types.js';

// Sending IPs against DNS blocklists (the dnsbl-* checks).
export { DEFAULT_BLOCKLISTS, validateBlocklistSettings } from './dnsbl/catalogue.js';
export { dnsblQueryName } from './dnsbl/query-name.js';
export { parseIpAddress, InvalidIpAddressError, type ParsedIp } from './net/ip.js';
export type * from './dnsbl/types.js';

// Output: formatters (plain functions from results to text).
export { loadFormatter, FORMAT_NAMES, type FormatName, type Formatter, type FormatContext } from './report/index.js';
export { formatStylish } from './report/stylish.js';
export { formatJson, formatJsonLines } from './report/json.js';
export { formatSarif, buildSarifLog } from './report/sarif.js';
export { formatJunit } from './report/junit.js';
export { formatGithub } from './report/github.js';

// The CLI, in-process: main(argv, io) returns the exit code.
export { main } from './cli/main.js';
export type { CliIo } from './cli/io.js';

// Shared shapes: checks, findings, results, parsed messages.
export type * from './types.js';
export type * from './message/types.js';
