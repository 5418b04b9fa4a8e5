// What the engine gathers about one sending IP before the blocklist checks run (owned by src/dnsbl).

export interface IpFacts {
  /** The address as the user wrote it. */
  input: string;
  /** Canonical form (IPv4 for ::ffff:a.b.c.d). */
  address: string;
  family: 4 | 6;
}
