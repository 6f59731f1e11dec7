/**
 * The part of the `smpp` package (node-smpp 0.5, plain JavaScript, no types of its own) that the
 * adapter and the simulator use. PDU fields are the SMPP 3.4 parameter names.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  // CommonJS (module.exports = {...}): imported as `import smpp from 'smpp'`.
  namespace smpp {
    export interface PDU {
      command: string;
      command_status: number;
      sequence_number: number;
      system_id?: string;
      password?: string;
      system_type?: string;
      message_id?: string;
      source_addr?: string;
      destination_addr?: string;
      esm_class?: number;
      data_coding?: number;
      short_message?: { message?: string | Buffer; udh?: Buffer[] } | Buffer | string;
      receipted_message_id?: string;
      isResponse(): boolean;
      response(options?: Record<string, unknown>): PDU;
    }

    export interface Session extends EventEmitter {
      send(pdu: PDU, responseCallback?: (pdu: PDU) => void): boolean;
      bind_transceiver(options: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
      submit_sm(options: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
      deliver_sm(options: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
      enquire_link(options: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
      unbind(options: Record<string, unknown>, responseCallback?: (pdu: PDU) => void): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      pause(): void;
      resume(): void;
    }

    export interface Server extends NetServer {
      sessions: Session[];
    }

    export function connect(options: { host: string; port: number; tls?: boolean; rejectUnauthorized?: boolean }): Session;
    export function createServer(listener: (session: Session) => void): Server;

    export const ESME_ROK: number;
    export const ESME_RBINDFAIL: number;
    export const ESME_RTHROTTLED: number;
    export const ESME_RMSGQFUL: number;
    export const ESME_RX_T_APPN: number;
  }
  export = smpp;
}
