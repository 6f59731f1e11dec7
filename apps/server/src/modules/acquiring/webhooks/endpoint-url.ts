import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may go (issue 15 item 6). An endpoint is an https URL; http only to the
 * developer's own machine, and never in production. In production the bank's server must not be
 * turned into a proxy into its own network (SSRF, ASVS 12.6.1 / 5.2.6): a host that is, or
 * resolves to, a loopback, private, link-local (cloud metadata 169.254.169.254) or otherwise
 * non-public address is refused, at creation for an address typed as such and at every delivery
 * for what the name resolves to then (delivery.ts checks the address it actually connects to, so
 * a name that changes its answer after creation, DNS rebinding, is refused too).
 */

export const ENDPOINT_URL_LENGTH_MAX = 2048;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL as Kassa keeps it, or null when it may not be an endpoint. */
export function endpointUrl(typed: string, options: { production: boolean }): string | null {
  if (typed.length > ENDPOINT_URL_LENGTH_MAX || typed.trim() !== typed) return null;
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return null;
  }
  // A login in the URL would be a secret kept in plain text and sent in every request's line.
  if (url.username || url.password || url.hash) return null;
  const host = url.hostname;
  if (url.protocol === 'http:') return !options.production && LOCAL_HOSTS.has(host) ? url.href : null;
  if (url.protocol !== 'https:') return null;
  if (options.production && (LOCAL_HOSTS.has(host) || host.endsWith('.localhost') || isNonPublicAddress(unbracketed(host)))) return null;
  // A bare name (https://intranet/) is someone's internal host, not a merchant's site.
  if (!host.includes('.') && !host.includes(':') && !LOCAL_HOSTS.has(host)) return null;
  return url.href;
}

function unbracketed(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

// IANA special-purpose registries (RFC 6890 and later): nothing here is a merchant's public server.
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|::|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1]) return match[1];
  const high = Number.parseInt(match[2] ?? '0', 16);
  const low = Number.parseInt(match[3] ?? '0', 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** True for an IP address a webhook must not reach in production; false for a public one or a name. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, 'ipv4');
  if (family !== 6) return false;
  const inner = embeddedIpv4(address.toLowerCase());
  if (inner) return NON_PUBLIC.check(inner, 'ipv4');
  return NON_PUBLIC.check(address, 'ipv6');
}
