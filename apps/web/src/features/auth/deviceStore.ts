/**
 * What this browser remembers about the devices bound on it, in IndexedDB:
 * - the PIN device: its id and its ECDSA P-256 key pair, generated non-extractable, so the
 *   private key can sign but never be read, copied or sent anywhere;
 * - the fingerprint / face device: its id only (the key lives in the authenticator).
 * Nothing here is a secret that logs anyone in by itself: PIN login also needs the PIN, and the
 * server revokes the device after 5 wrong ones.
 */

import { DEVICE_KINDS } from '../../api/enums';

const DB_NAME = 'kassa-devices';
const DB_VERSION = 1;
const STORE = 'devices';

export interface PinDeviceRecord {
  kind: 'pin';
  deviceId: string;
  keyPair: CryptoKeyPair;
  maskedPhone: string;
  createdAt: string;
}

export interface WebauthnDeviceRecord {
  kind: 'webauthn';
  deviceId: string;
  maskedPhone: string;
  createdAt: string;
}

export type DeviceRecord = PinDeviceRecord | WebauthnDeviceRecord;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (!('indexedDB' in window)) {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The device of that kind bound on this browser, or null (also when storage is unavailable). */
export async function loadDevice<K extends DeviceRecord['kind']>(kind: K): Promise<Extract<DeviceRecord, { kind: K }> | null> {
  try {
    const value: unknown = await withStore('readonly', (store) => store.get(kind));
    if (!isRecord(value) || value.kind !== kind || typeof value.deviceId !== 'string') return null;
    return value as unknown as Extract<DeviceRecord, { kind: K }>;
  } catch {
    return null;
  }
}

export async function saveDevice(record: DeviceRecord): Promise<void> {
  await withStore('readwrite', (store) => store.put(record, record.kind));
}

export async function forgetDevice(kind: DeviceRecord['kind']): Promise<void> {
  try {
    await withStore('readwrite', (store) => store.delete(kind));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** Forgets whichever local record names this device id (after it is unbound or revoked). */
export async function forgetDeviceId(deviceId: string): Promise<void> {
  for (const kind of DEVICE_KINDS) {
    const record = await loadDevice(kind);
    if (record?.deviceId === deviceId) await forgetDevice(kind);
  }
}

/**
 * Forgets the local records of devices the server no longer lists as active (unbound elsewhere,
 * or by "log out everywhere" or a password change): a stale record would only offer a PIN or
 * fingerprint login that the server refuses.
 */
export async function forgetDevicesNotIn(activeIds: ReadonlySet<string>): Promise<void> {
  for (const kind of DEVICE_KINDS) {
    const record = await loadDevice(kind);
    if (record && !activeIds.has(record.deviceId)) await forgetDevice(kind);
  }
}

/**
 * After "log out everywhere" every binding is gone but the one of the device that asked, which is
 * this browser's record of the kind the session logged in with (none for a password session).
 */
export async function forgetDevicesExcept(kept: DeviceRecord['kind'] | null): Promise<void> {
  for (const kind of DEVICE_KINDS) if (kind !== kept) await forgetDevice(kind);
}

/** A new non-extractable ECDSA P-256 key pair for PIN login. */
export function generateDeviceKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

/** The public half as the JWK the server stores ({ kty, crv, x, y }). */
export async function publicKeyJwk(keyPair: CryptoKeyPair): Promise<{ kty: 'EC'; crv: 'P-256'; x: string; y: string }> {
  const jwk = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('unexpected public key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

function base64url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Signs the UTF-8 bytes of a server challenge; WebCrypto gives IEEE P1363 (r || s), sent base64url. */
export async function signChallenge(privateKey: CryptoKey, challenge: string): Promise<string> {
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(challenge));
  return base64url(signature);
}

/** "Chrome on Android": a default name for a device, from the browser's user agent. */
export function describeUserAgent(userAgent: string | null | undefined): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /OPR\//.test(userAgent)
      ? 'Opera'
      : /YaBrowser\//.test(userAgent)
        ? 'Yandex Browser'
        : /Firefox\//.test(userAgent)
          ? 'Firefox'
          : /(Chrome|Chromium|HeadlessChrome)\//.test(userAgent)
            ? 'Chrome'
            : /Safari\//.test(userAgent)
              ? 'Safari'
              : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return { browser, os };
}
