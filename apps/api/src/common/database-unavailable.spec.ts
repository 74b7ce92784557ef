import { ConflictException } from '@nestjs/common';
import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('isDatabaseUnavailable', () => {
  it('recognises a server that refuses connections (a real connection attempt)', async () => {
    const error = await new Client({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 2_000 }).connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['immediate or fast shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash of another backend', pgError('57P02', 'terminating connection because of crash of another server process')],
    ['starting up or in recovery', pgError('57P03', 'the database system is starting up')],
    ['out of connection slots', pgError('53300', 'sorry, too many clients already')],
    ['a connection exception', pgError('08006', 'connection failure')],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['no pool connection in time', new Error('timeout exceeded when trying to connect')],
    ['a broken pooled client', new Error('Client has encountered a connection error and is not queryable')],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('looks inside TypeORM query errors, causes and aggregate errors', () => {
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: pgError('57P01', 'shutdown') }))).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new AggregateError([refused], ''))).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key value'))],
    ['a syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a row-level security refusal', pgError('42501', 'new row violates row-level security policy')],
    ['an HTTP exception', new ConflictException('taken')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'Connection terminated'],
    ['nothing', undefined],
  ])('leaves %s alone', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
