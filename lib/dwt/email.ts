// Email addresses as DWT checks them. DWT's validation is Joi 17 `string().email()`, which applies the
// rules of @sideway/address (BSD-3-Clause) with IANA's list of top-level domains: dot-atom local part of
// at most 64 bytes, whole address at most 254 characters, a domain of two or more labels, letters,
// digits and hyphens only, and a real top-level domain. Written again here (not imported) because that
// package needs Node's `util` and `url`, and this check also runs in the browser while the driver waits.
// Every pattern is anchored, with no nested repetition, and runs on a length already bounded.

import { TOP_LEVEL_DOMAINS } from './tlds';

const NON_ASCII = /[^\x00-\x7f]/;
const ATEXT = /^[\w!#$%&'*+\-/=?^`{|}~]+$/;
const DOMAIN_FORBIDDEN = /[\x00-\x20@:/\\#!$&'()*+,;=?]/;
const DOMAIN_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const TLD_LABEL = /^[a-zA-Z](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_BYTES = 64;
const MAX_DOMAIN_LENGTH = 256;
const MAX_LABEL_LENGTH = 63;

const encoder = new TextEncoder();

/** One UTF-8 encoded non-ASCII character, as RFC 6531's UTF8-non-ascii allows in a local part. */
function isUtf8NonAscii(char: string): boolean {
  const bytes = encoder.encode(char);
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes;
  const tail = (b: number) => b >= 0x80 && b <= 0xbf;
  if (bytes.length === 2) return b0 >= 0xc2 && b0 <= 0xdf && tail(b1);
  if (bytes.length === 3) {
    if (b0 === 0xe0) return b1 >= 0xa0 && b1 <= 0xbf && tail(b2);
    if (b0 === 0xed) return b1 >= 0x80 && b1 <= 0x9f && tail(b2);
    return ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) && tail(b1) && tail(b2);
  }
  if (bytes.length === 4) {
    if (b0 === 0xf0) return b1 >= 0x90 && b1 <= 0xbf && tail(b2) && tail(b3);
    if (b0 === 0xf4) return b1 >= 0x80 && b1 <= 0x8f && tail(b2) && tail(b3);
    return b0 >= 0xf1 && b0 <= 0xf3 && tail(b1) && tail(b2) && tail(b3);
  }
  return false;
}

function isValidLocalPart(local: string, ascii: boolean): boolean {
  for (const segment of local.split('.')) {
    if (segment === '') return false;
    if (ascii) {
      if (!ATEXT.test(segment)) return false;
      continue;
    }
    for (const char of segment) {
      if (!ATEXT.test(char) && !isUtf8NonAscii(char)) return false;
    }
  }
  return true;
}

/** Internationalised labels become their xn-- form, as a browser's URL parser writes them. */
function toAsciiDomain(domain: string): string {
  try {
    return new URL(`http://${domain.replace(/%/g, '%25')}`).host;
  } catch {
    return domain;
  }
}

function isValidDomain(input: string): boolean {
  if (input === '' || input.length > MAX_DOMAIN_LENGTH) return false;
  const domain = NON_ASCII.test(input) ? input.normalize('NFC') : input;
  if (DOMAIN_FORBIDDEN.test(domain)) return false;
  const labels = toAsciiDomain(domain).split('.');
  if (labels.length < 2) return false;
  if (!TOP_LEVEL_DOMAINS.has((labels[labels.length - 1] ?? '').toLowerCase())) return false;
  return labels.every((label, index) => {
    if (label === '' || label.length > MAX_LABEL_LENGTH) return false;
    return (index < labels.length - 1 ? DOMAIN_LABEL : TLD_LABEL).test(label);
  });
}

/** True when DWT would accept this as an email address (`name@firm.co.uk` yes, `name@firm.con` no). */
export function isEmailAddressDwtAccepts(value: string): boolean {
  if (value === '') return false;
  const ascii = !NON_ASCII.test(value);
  const email = ascii ? value : value.normalize('NFC');
  const parts = email.split('@');
  if (parts.length !== 2) return false;
  const [local = '', domain = ''] = parts;
  if (local === '') return false;
  if (email.length > MAX_ADDRESS_LENGTH || encoder.encode(local).length > MAX_LOCAL_BYTES) return false;
  return isValidLocalPart(local, ascii) && isValidDomain(domain);
}
