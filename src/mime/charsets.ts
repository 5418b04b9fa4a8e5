// Whether a charset name is one mail readers know. Node's TextDecoder knows the WHATWG Encoding
// labels (the charsets browsers and web mail decode, most IANA names and their common aliases);
// IANA-registered charsets it does not decode are listed here, so they are not called unknown.

const REGISTERED_BEYOND_WHATWG = new Set([
  'utf-7',
  // Outlook and Exchange write it (RFC 1642's name, registered).
  'unicode-1-1-utf-7',
  'unicode-1-1',
  'utf-7-imap',
  // RFC 1428: registered for 8-bit text of unknown charset; readers fall back to their default.
  'unknown-8bit',
  // Not registered, but Japanese mail programs write it for Windows-31J and readers map it.
  'cp932',
  'utf-32',
  'utf-32be',
  'utf-32le',
  'cesu-8',
  'ibm437',
  'cp437',
  'ibm850',
  'cp850',
  'ibm852',
  'cp852',
  'ibm862',
  'iso-2022-jp-2',
  'iso-2022-kr',
  'iso-2022-cn',
  'iso-2022-cn-ext',
  'big5-hkscs',
  'tis-620',
  'viscii',
  'hz-gb-2312',
  'iso-8859-6-e',
  'iso-8859-6-i',
  'iso-8859-8-e',
  'iso-8859-9',
  'iso-8859-11',
  'iso-8859-14',
  'iso-8859-16',
  'koi8-t',
  'scsu',
  'bocu-1',
]);

export function isKnownCharset(name: string): boolean {
  const lower = name.toLowerCase();
  if (REGISTERED_BEYOND_WHATWG.has(lower)) return true;
  try {
    new TextDecoder(lower);
    return true;
  } catch {
    return false;
  }
}
