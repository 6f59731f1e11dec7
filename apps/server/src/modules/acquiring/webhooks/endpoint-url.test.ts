import { describe, expect, it } from 'vitest';
import { endpointUrl, isNonPublicAddress } from './endpoint-url.js';

// Issue 15 item 6: where a webhook may go; in production nothing inside the bank's network (SSRF).

describe('endpointUrl', () => {
  it('keeps an https URL with its path and query', () => {
    expect(endpointUrl('https://shop.example.kz/hooks/kassa?x=1', { production: true })).toBe('https://shop.example.kz/hooks/kassa?x=1');
  });

  it('takes http://localhost and 127.0.0.1 outside production only', () => {
    for (const url of ['http://localhost:3000/hooks', 'http://127.0.0.1:8080/', 'http://[::1]:8080/']) {
      expect(endpointUrl(url, { production: false }), url).toBe(url);
      expect(endpointUrl(url, { production: true }), url).toBeNull();
    }
    expect(endpointUrl('http://shop.example.kz/hooks', { production: false })).toBeNull();
  });

  it('in production refuses https to loopback, private, link-local and metadata addresses', () => {
    for (const url of [
      'https://localhost/hooks',
      'https://api.localhost/hooks',
      'https://127.0.0.1/hooks',
      'https://10.1.2.3/hooks',
      'https://172.16.0.1/hooks',
      'https://192.168.1.1/hooks',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hooks',
      'https://[fd00::1]/hooks',
      'https://[::ffff:10.0.0.1]/hooks',
      'https://0x7f000001/hooks',
    ]) {
      expect(endpointUrl(url, { production: true }), url).toBeNull();
    }
    expect(endpointUrl('https://93.184.216.34/hooks', { production: true })).toBe('https://93.184.216.34/hooks');
  });

  it('refuses other schemes, logins, fragments, bare names and padding', () => {
    for (const url of [
      'ftp://shop.kz/x',
      'file:///etc/passwd',
      'https://a:b@shop.kz/',
      'https://shop.kz/#x',
      'https://intranet/',
      ' https://shop.kz/',
      'not a url',
    ]) {
      expect(endpointUrl(url, { production: false }), url).toBeNull();
    }
    expect(endpointUrl(`https://shop.kz/${'a'.repeat(2048)}`, { production: false })).toBeNull();
  });
});

describe('isNonPublicAddress', () => {
  it('tells non-public addresses of both families, mapped ones included, from public ones', () => {
    for (const address of [
      '127.0.0.1',
      '0.0.0.0',
      '10.0.0.1',
      '100.64.0.1',
      '169.254.169.254',
      '172.31.255.255',
      '192.168.0.1',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a00:1',
    ]) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2a00:1450:4001::200e', '::ffff:8.8.8.8', 'shop.kz']) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });
});
