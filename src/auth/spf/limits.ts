// RFC 7208 4.6.4: the limits check_host() enforces and the SPF checks report against.

/** DNS-querying terms (include, a, mx, ptr, exists, redirect) in one evaluation. */
export const MAX_DNS_TERMS = 10;
/** Lookups that find no name or no data. */
export const MAX_VOID_LOOKUPS = 2;
/** Names behind one mx or ptr term. */
export const MAX_NAMES_PER_TERM = 10;
