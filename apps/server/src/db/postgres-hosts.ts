/**
 * libpq's multi-host connection strings (`postgres://u@h1:5432,h2:5432/db?target_session_attrs=
 * read-write`), which node-postgres does not read: each host becomes a connection string of its
 * own, tried in order, and with `read-write` (or `primary`) a server that answers read-only is
 * passed over, as libpq does. That is how a promoted standby is found after a failover without a
 * proxy in front.
 */
export type TargetSessionAttrs = 'any' | 'read-write' | 'primary';

export interface PostgresTargets {
  /** One single-host connection string per listed host, in the order given. */
  connectionStrings: string[];
  targetSessionAttrs: TargetSessionAttrs;
}

const URL_PATTERN = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/;
const SUPPORTED_ATTRS: readonly TargetSessionAttrs[] = ['any', 'read-write', 'primary'];

export function parsePostgresTargets(connectionString: string): PostgresTargets {
  const match = URL_PATTERN.exec(connectionString);
  if (!match) return { connectionStrings: [connectionString], targetSessionAttrs: 'any' };
  const [, scheme = '', credentials = '', hostList = '', rest = ''] = match;
  const [path = '', query = ''] = rest.split('?', 2);
  const params = new URLSearchParams(query);
  const attrs = params.get('target_session_attrs') ?? 'any';
  if (!(SUPPORTED_ATTRS as readonly string[]).includes(attrs)) {
    throw new Error(`target_session_attrs=${attrs} is not supported; use one of ${SUPPORTED_ATTRS.join(', ')}`);
  }
  params.delete('target_session_attrs');
  const tail = `${path}${params.size > 0 ? `?${params.toString()}` : ''}`;
  const hosts = hostList.split(',').filter((host) => host !== '');
  const connectionStrings = (hosts.length > 0 ? hosts : ['']).map((host) => `${scheme}${credentials}${host}${tail}`);
  return { connectionStrings, targetSessionAttrs: attrs as TargetSessionAttrs };
}
