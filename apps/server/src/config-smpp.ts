import { boolean, ConfigError, type Env, integer, text } from './config-parse.js';

/**
 * SMS over SMPP 3.4 to an operator's SMSC (SMS_ADAPTER=smpp; notifications/smpp/, docs/sms-smpp.md).
 * Part of Config (config.ts), kept apart so each file stays readable; every variable is in the
 * README's configuration table. Null under any other adapter; every key but the tunables is then
 * required.
 */
export interface SmppConfig {
  host: string;
  port: number;
  /** bind_transceiver system_id and password, as the operator issued them. */
  systemId: string;
  password: string;
  /** bind_transceiver system_type; empty for most SMSCs. */
  systemType: string;
  /** The sender the customer sees: an alphanumeric name ("Kassa", at most 11 characters) or a number. */
  sourceAddr: string;
  tls: boolean;
  /** Outstanding submit_sm at most: the SMSC's agreed window. */
  windowSize: number;
  enquireLinkSeconds: number;
}

export interface SmppConfigPart {
  smpp: SmppConfig | null;
}

// SMPP 3.4 5.2.1, 5.2.2: system_id at most 15 octets, password at most 8.
const SYSTEM_ID_LENGTH_MAX = 15;
const PASSWORD_LENGTH_MAX = 8;
const SYSTEM_TYPE_LENGTH_MAX = 12;
// 3GPP TS 23.040 9.1.2.5: an alphanumeric sender is at most 11 characters; a number at most 15 digits.
const ALPHANUMERIC_SENDER_MAX = 11;
const WINDOW_MAX = 100;
const ENQUIRE_LINK_SECONDS_MAX = 600;

function required(env: Env, name: string, lengthMax: number): string {
  const value = env[name];
  if (!value) throw new ConfigError(name, 'is required when SMS_ADAPTER=smpp');
  if (value.length > lengthMax) throw new ConfigError(name, `must be at most ${lengthMax} characters`);
  return value;
}

function sourceAddr(env: Env): string {
  const value = required(env, 'SMPP_SOURCE_ADDR', 15);
  const numeric = /^\+?\d{1,15}$/.test(value);
  if (!numeric && !new RegExp(`^[A-Za-z0-9 .\\-]{1,${ALPHANUMERIC_SENDER_MAX}}$`).test(value)) {
    throw new ConfigError(
      'SMPP_SOURCE_ADDR',
      `expected a number or up to ${ALPHANUMERIC_SENDER_MAX} Latin letters and digits, got "${value}"`,
    );
  }
  return value;
}

export function smppConfig(env: Env, smsAdapter: string): SmppConfigPart {
  if (smsAdapter !== 'smpp') return { smpp: null };
  return {
    smpp: {
      host: required(env, 'SMPP_HOST', 253),
      port: integer(env, 'SMPP_PORT', 2775, 1, 65_535),
      systemId: required(env, 'SMPP_SYSTEM_ID', SYSTEM_ID_LENGTH_MAX),
      password: required(env, 'SMPP_PASSWORD', PASSWORD_LENGTH_MAX),
      systemType: text(env, 'SMPP_SYSTEM_TYPE', '').slice(0, SYSTEM_TYPE_LENGTH_MAX),
      sourceAddr: sourceAddr(env),
      tls: boolean(env, 'SMPP_TLS', false),
      windowSize: integer(env, 'SMPP_WINDOW', 10, 1, WINDOW_MAX),
      enquireLinkSeconds: integer(env, 'SMPP_ENQUIRE_LINK_SECONDS', 30, 5, ENQUIRE_LINK_SECONDS_MAX),
    },
  };
}
