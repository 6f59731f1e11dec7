import { describe, expect, it } from 'vitest';
import { parsePostgresTargets } from './postgres-hosts.js';

describe('multi-host connection strings (libpq syntax)', () => {
  it('splits the hosts in order and keeps user, database and other parameters for each', () => {
    const targets = parsePostgresTargets(
      'postgres://kassa:s3cret@db-a:5432,db-b:5433/kassa?sslmode=require&target_session_attrs=read-write',
    );
    expect(targets.targetSessionAttrs).toBe('read-write');
    expect(targets.connectionStrings).toEqual([
      'postgres://kassa:s3cret@db-a:5432/kassa?sslmode=require',
      'postgres://kassa:s3cret@db-b:5433/kassa?sslmode=require',
    ]);
  });

  it('leaves a single-host string as it is, with any session', () => {
    expect(parsePostgresTargets('postgresql://postgres@127.0.0.1:5432/test')).toEqual({
      connectionStrings: ['postgresql://postgres@127.0.0.1:5432/test'],
      targetSessionAttrs: 'any',
    });
  });

  it('refuses a target_session_attrs it cannot honour instead of ignoring it', () => {
    expect(() => parsePostgresTargets('postgres://h1,h2/db?target_session_attrs=prefer-standby')).toThrow(/not supported/);
  });
});
