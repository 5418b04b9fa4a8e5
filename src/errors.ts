// Errors every layer may throw. Kept at the bottom so that src/dnsbl (blocklist settings) and
// src/config alike can report a bad setting without importing the engine.

/** A bad setting (rule, option, blocklist, config file): the CLI reports it and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
