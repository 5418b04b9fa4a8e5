// The public API of maillint.

export { lintMessage, type LintOptions } from './engine/lint-message.js';
export { lintFiles, lintFileStream, type LintFilesOptions } from './engine/lint-files.js';
export { parseMessage, MessageScanner, type ScanOptions } from './message/scan.js';
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
export type { RunSettings } from './cli/settings.js';
export { allChecks as checks } from '../checks/index.js';
export { loadFormatter, FORMAT_NAMES, type FormatName, type Formatter, type FormatContext } from './report/index.js';
export { formatStylish } from './report/stylish.js';
export { formatJson } from './report/json.js';
export { formatSarif, buildSarifLog } from './report/sarif.js';
export { formatJunit } from './report/junit.js';
export { formatGithub } from './report/github.js';
export { main } from './cli/main.js';
export { checkIps, createIpChecker, type CheckIpsOptions, type IpChecker, type IpCheckerOptions } from './dnsbl/check-ips.js';
export { DEFAULT_BLOCKLISTS, validateBlocklistSettings } from './dnsbl/catalogue.js';
export { parseIpAddress, dnsblQueryName, InvalidIpAddressError, type ParsedIp } from './dnsbl/query-name.js';
export {
  auditDomain,
  createDomainAuditor,
  gatherDomainFacts,
  InvalidDomainError,
  type DomainAuditOptions,
  type DomainAuditor,
} from './engine/audit-domain.js';
export { loadZoneFiles, ZoneFileError, type ZoneFileResolver } from './dns/zone-file-resolver.js';
export { parseZoneFile, type ParsedZone } from './dns/zone-file.js';
export type * from './dns/domain-facts-types.js';
export type * from './dnsbl/types.js';
export type * from './types.js';
export type * from './message/types.js';
