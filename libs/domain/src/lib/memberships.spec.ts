import { decisionsFrom, MEMBERSHIP_STATUSES, MEMBERSHIP_TRANSITIONS } from './memberships';

describe('the membership state machine', () => {
  it('offers the secretariat the decisions each status allows', () => {
    expect(decisionsFrom('REQUESTED')).toEqual(['approve', 'reject']);
    expect(decisionsFrom('ACTIVE')).toEqual(['suspend', 'withdraw']);
    expect(decisionsFrom('SUSPENDED')).toEqual(['approve', 'withdraw']);
    expect(decisionsFrom('REJECTED')).toEqual([]);
    expect(decisionsFrom('WITHDRAWN')).toEqual([]);
  });

  it('lets a Comune ask again only after a rejection or a withdrawal', () => {
    expect(MEMBERSHIP_TRANSITIONS.request.from).toEqual([null, 'REJECTED', 'WITHDRAWN']);
  });

  it('reaches every status', () => {
    const reached = new Set(Object.values(MEMBERSHIP_TRANSITIONS).map((t) => t.to));
    expect([...reached].sort()).toEqual([...MEMBERSHIP_STATUSES].sort());
  });
});
