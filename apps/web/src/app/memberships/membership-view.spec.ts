import { MEMBERSHIP_STATUSES } from '@coopera/domain';
import { membershipsViewFor } from './memberships-page';
import { canRequestFrom, decisionsFor, latestMembership, reasonRequired, romeDateTimeFormat, stepOf } from './membership-view';

describe('membership view helpers', () => {
  it('names each step of the history from its statuses', () => {
    expect(stepOf({ fromStatus: null, toStatus: 'REQUESTED' })).toBe('request');
    expect(stepOf({ fromStatus: 'REJECTED', toStatus: 'REQUESTED' })).toBe('renewedRequest');
    expect(stepOf({ fromStatus: 'WITHDRAWN', toStatus: 'REQUESTED' })).toBe('renewedRequest');
    expect(stepOf({ fromStatus: 'REQUESTED', toStatus: 'ACTIVE' })).toBe('approve');
    expect(stepOf({ fromStatus: 'SUSPENDED', toStatus: 'ACTIVE' })).toBe('reactivate');
    expect(stepOf({ fromStatus: 'REQUESTED', toStatus: 'REJECTED' })).toBe('reject');
    expect(stepOf({ fromStatus: 'ACTIVE', toStatus: 'SUSPENDED' })).toBe('suspend');
    expect(stepOf({ fromStatus: 'SUSPENDED', toStatus: 'WITHDRAWN' })).toBe('withdraw');
    // A step the state machine does not know is still shown, generically.
    expect(stepOf({ fromStatus: null, toStatus: 'ACTIVE' })).toBe('other');
  });

  it('offers the request form with no membership, or after a rejection or withdrawal', () => {
    expect(canRequestFrom(null)).toBe(true);
    expect(MEMBERSHIP_STATUSES.filter((status) => canRequestFrom(status))).toEqual(['REJECTED', 'WITHDRAWN']);
  });

  it('offers the decisions the current status allows, with the reason rules of the state machine', () => {
    expect(decisionsFor({ status: 'REQUESTED' })).toEqual(['approve', 'reject']);
    expect(decisionsFor({ status: 'ACTIVE' })).toEqual(['suspend', 'withdraw']);
    expect(decisionsFor({ status: 'SUSPENDED' })).toEqual(['approve', 'withdraw']);
    expect(decisionsFor({ status: 'REJECTED' })).toEqual([]);
    expect(decisionsFor({ status: 'WITHDRAWN' })).toEqual([]);
    expect(reasonRequired('approve')).toBe(false);
    expect(reasonRequired('reject')).toBe(true);
    expect(reasonRequired('suspend')).toBe(true);
    expect(reasonRequired('withdraw')).toBe(true);
  });

  it('picks the membership changed last', () => {
    expect(latestMembership([])).toBeNull();
    const old = { id: 'a', updatedAt: '2025-03-01T10:00:00Z' };
    const recent = { id: 'b', updatedAt: '2025-03-01T11:00:00.000+01:00' };
    const newest = { id: 'c', updatedAt: '2025-03-02T08:00:00Z' };
    expect(latestMembership([old, newest, recent])?.id).toBe('c');
    // Compared as instants, not as text: 11:00+01:00 is 10:00Z, not later than 10:00Z.
    expect(latestMembership([old, recent])?.id).toBe('a');
  });

  it('shows date-times as they were in Rome, summer and winter', () => {
    const format = romeDateTimeFormat('it-IT');
    expect(format.format(new Date('2025-07-01T12:30:00Z'))).toContain('14:30');
    expect(format.format(new Date('2025-01-15T23:30:00Z'))).toMatch(/16 gen 2025.*00:30/);
  });

  it('gives the queue to those who decide, the read-only list to the Servizio Centrale, the own view to referents', () => {
    const can = (granted: string[]) => (permission: string) => granted.includes(permission);
    expect(membershipsViewFor(can(['memberships:decide', 'network:read-private']))).toBe('queue');
    expect(membershipsViewFor(can(['network:read-private']))).toBe('readOnlyList');
    expect(membershipsViewFor(can(['memberships:request-own']))).toBe('own');
    expect(membershipsViewFor(can([]))).toBe('none');
  });
});
