import { checkProjectRules, effectiveEnd, ProjectState } from './project-rules';

const state = (overrides: Partial<ProjectState> = {}): ProjectState => ({
  code: 'PROG-1-PR-1',
  title: 'Progetto',
  category: 'ORDINARI',
  status: 'ACTIVE',
  posti: 10,
  startDate: '2026-01-01',
  endDate: '2028-12-31',
  responsibleOfficer: null,
  mailbox: null,
  services: [],
  expansions: [],
  extensions: [],
  associatedComuneIds: [],
  ...overrides,
});

describe('project rules across fields', () => {
  it('accepts a consistent project', () => {
    expect(checkProjectRules('titolare', state())).toEqual([]);
  });

  it('wants the end after the start', () => {
    expect(checkProjectRules('titolare', state({ endDate: '2026-01-01' }))).toEqual([{ name: 'endDate', reason: 'must be after startDate' }]);
  });

  it('wants each extension after the previous end, and names the one that is not', () => {
    const errors = checkProjectRules(
      'titolare',
      state({
        extensions: [
          { until: '2029-06-30', actReference: 'a' },
          { until: '2029-01-01', actReference: 'b' },
        ],
      }),
    );
    expect(errors).toEqual([{ name: 'extensions.1.until', reason: 'must be after the previous end (2029-06-30)' }]);
  });

  it('wants ampliamenti within the funding period, extensions included', () => {
    const extended = state({ extensions: [{ until: '2029-12-31', actReference: 'a' }] });
    expect(checkProjectRules('t', { ...extended, expansions: [{ posti: 5, effectiveFrom: '2029-06-01', actReference: 'x' }] })).toEqual([]);
    expect(checkProjectRules('t', { ...extended, expansions: [{ posti: 5, effectiveFrom: '2025-12-31', actReference: 'x' }] })).toEqual([
      { name: 'expansions.0.effectiveFrom', reason: 'must fall within the funding period (2026-01-01 – 2029-12-31)' },
    ]);
  });

  it('refuses the titolare among its associated Comuni', () => {
    expect(checkProjectRules('titolare', state({ associatedComuneIds: ['other', 'titolare'] }))).toEqual([
      { name: 'associatedComuneIds.1', reason: 'is the titolare itself' },
    ]);
  });

  it('computes the effective end from the latest extension', () => {
    expect(effectiveEnd(state())).toBe('2028-12-31');
    expect(effectiveEnd(state({ extensions: [{ until: '2029-12-31', actReference: 'a' }] }))).toBe('2029-12-31');
  });
});
