import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/**
 * The WebAuthn options and answers pass between the server's @simplewebauthn/server and the
 * browser's @simplewebauthn/browser as they are; the API document bounds them as open objects (a
 * challenge and more). These are the only places where the back office gives them the library's type.
 */

type OpenOptions = { challenge: string; [key: string]: unknown };

export function creationOptions(options: OpenOptions): PublicKeyCredentialCreationOptionsJSON {
  return options as unknown as PublicKeyCredentialCreationOptionsJSON;
}

export function requestOptions(options: OpenOptions): PublicKeyCredentialRequestOptionsJSON {
  return options as unknown as PublicKeyCredentialRequestOptionsJSON;
}

/** The authenticator's answer, as the open JSON object the API takes. */
export function asJsonObject(value: RegistrationResponseJSON | AuthenticationResponseJSON): {
  [key: string]: unknown;
  id: string;
  type: string;
} {
  return { ...value };
}

/**
 * @simplewebauthn/browser is loaded when a key is first used, not with the login page: most staff
 * log in with the code.
 */
export const loadWebauthnBrowser = () => import('@simplewebauthn/browser');
