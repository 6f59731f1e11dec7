import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software platform authenticator: builds WebAuthn registration and assertion responses the
 * way a phone would, with "none" attestation, so the server's checks can be tested without a
 * browser. `userVerified: false` is what a device that skipped the fingerprint would send.
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  readonly #keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  #signCount = 0;

  constructor(
    private readonly origin: string,
    private readonly rpId: string,
    /** A roaming security key (the staff's second factor) says 'cross-platform' and its transports, e.g. ['usb']. */
    private readonly kind: { attachment: 'platform' | 'cross-platform'; transports: string[] } = {
      attachment: 'platform',
      transports: ['internal'],
    },
  ) {}

  #authData(flags: { userVerified: boolean; attested: boolean }, signCount: number): Buffer {
    const rpIdHash = createHash('sha256').update(this.rpId).digest();
    // Bits: UP 0x01, UV 0x04, AT 0x40.
    const flagByte = 0x01 | (flags.userVerified ? 0x04 : 0) | (flags.attested ? 0x40 : 0);
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(signCount);
    if (!flags.attested) return Buffer.concat([rpIdHash, Buffer.from([flagByte]), counter]);
    const jwk = this.#keys.publicKey.export({ format: 'jwk' });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x as string, 'base64url')],
      [-3, Buffer.from(jwk.y as string, 'base64url')],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    return Buffer.concat([
      rpIdHash,
      Buffer.from([flagByte]),
      counter,
      Buffer.alloc(16),
      idLength,
      this.credentialId,
      Buffer.from(isoCBOR.encode(coseKey)),
    ]);
  }

  #clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  register(challenge: string, options: { userVerified?: boolean } = {}) {
    const authData = this.#authData({ userVerified: options.userVerified ?? true, attested: true }, 0);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]) as never,
    );
    const id = this.credentialId.toString('base64url');
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: this.kind.attachment,
      response: {
        clientDataJSON: this.#clientData('webauthn.create', challenge).toString('base64url'),
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: this.kind.transports,
      },
    };
  }

  /** `origin`: the page the browser says asked (a phishing site's, in a test of the origin check). */
  assert(challenge: string, options: { userVerified?: boolean; signCount?: number; origin?: string } = {}) {
    this.#signCount = options.signCount ?? this.#signCount + 1;
    const authData = this.#authData({ userVerified: options.userVerified ?? true, attested: false }, this.#signCount);
    const clientData = this.#clientData('webauthn.get', challenge, options.origin);
    const signature = sign('sha256', Buffer.concat([authData, createHash('sha256').update(clientData).digest()]), this.#keys.privateKey);
    const id = this.credentialId.toString('base64url');
    return {
      id,
      rawId: id,
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: this.kind.attachment,
      response: {
        clientDataJSON: clientData.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
    };
  }
}
