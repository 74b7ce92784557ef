import { WORKING_GROUP_MAX_MEMBERS, WorkingGroupDetail } from '@coopera/domain';
import { createRequest, groupChanged, groupErrorsFrom, groupFieldOf, updateRequest, validateGroup, valuesOf } from './working-group-form';
import { withMember, withoutMember } from './working-group-members';
import { deletedGroupFrom, savedGroupFrom } from './working-group-navigation';

const PALERMO = { id: 'pa', name: 'Palermo' };
const NOTO = { id: 'no', name: 'Noto' };
const CATANIA = { id: 'ct', name: 'Catania' };

function aGroup(overrides: Partial<WorkingGroupDetail> = {}): WorkingGroupDetail {
  return {
    id: 'g1',
    name: 'MSNA',
    description: 'Minori stranieri non accompagnati',
    memberCount: 2,
    createdAt: '2025-01-10T10:00:00Z',
    version: 4,
    members: [
      { comuneId: 'pa', comuneName: 'Palermo', province: 'PA' },
      { comuneId: 'no', comuneName: 'Noto', province: 'SR' },
    ],
    ...overrides,
  };
}

describe('working group form logic', () => {
  it('adds a member once, and removes it', () => {
    const one = withMember([], PALERMO);
    expect(one).toEqual([PALERMO]);
    expect(withMember(one, { ...PALERMO })).toBe(one); // already there: unchanged
    expect(withMember(one, NOTO)).toEqual([PALERMO, NOTO]);
    expect(withoutMember([PALERMO, NOTO], 'pa')).toEqual([NOTO]);
  });

  it('requires a name and at most the maximum of members', () => {
    expect(validateGroup({ name: '  ', description: '', members: [] })).toEqual({ name: { key: 'workingGroups.form.errors.nameRequired' } });
    const many = Array.from({ length: WORKING_GROUP_MAX_MEMBERS + 1 }, (_, i) => ({ id: `c${i}`, name: `C${i}` }));
    expect(validateGroup({ name: 'Tavolo', description: '', members: many })).toEqual({ members: { key: 'workingGroups.form.errors.tooManyMembers' } });
    expect(validateGroup({ name: 'Tavolo', description: '', members: [PALERMO] })).toEqual({});
  });

  it('creates with trimmed texts, no empty description, and the member ids', () => {
    expect(createRequest({ name: ' Tavolo casa ', description: '  ', members: [PALERMO, NOTO] })).toEqual({
      name: 'Tavolo casa',
      description: null,
      memberComuneIds: ['pa', 'no'],
    });
  });

  it('updates only what changed, with the version read; the members as a whole list', () => {
    const group = aGroup();
    const same = valuesOf(group);
    expect(updateRequest(group, same)).toBeNull();
    // The same members in another order are no change.
    expect(updateRequest(group, { ...same, members: [NOTO, PALERMO] })).toBeNull();
    expect(groupChanged(same, { ...same, name: ' MSNA ' })).toBe(false);
    expect(updateRequest(group, { ...same, name: 'MSNA e neomaggiorenni' })).toEqual({ version: 4, name: 'MSNA e neomaggiorenni' });
    expect(updateRequest(group, { ...same, description: '' })).toEqual({ version: 4, description: null });
    expect(updateRequest(group, { ...same, members: [PALERMO, CATANIA] })).toEqual({ version: 4, memberComuneIds: ['pa', 'ct'] });
    expect(groupChanged(same, { ...same, members: [PALERMO] })).toBe(true);
  });

  it("puts the API's errors on the fields, the members' ones included", () => {
    expect(groupFieldOf('memberComuneIds.3')).toBe('members');
    expect(groupFieldOf('name')).toBe('name');
    expect(groupFieldOf('version')).toBeNull();
    const { onFields, others } = groupErrorsFrom({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Campi non validi.',
      errors: [
        { name: 'memberComuneIds.1', reason: 'Comune sconosciuto' },
        { name: 'memberComuneIds.2', reason: 'Comune sconosciuto' },
        { name: 'version', reason: 'obbligatoria' },
      ],
    });
    expect(onFields).toEqual({ members: { text: 'Comune sconosciuto' } });
    expect(others).toEqual([{ name: 'version', reason: 'obbligatoria' }]);
  });

  it('reads what the previous page said from the navigation state, ignoring anything else', () => {
    expect(deletedGroupFrom({ deletedGroup: 'MSNA', navigationId: 3 })).toBe('MSNA');
    expect(deletedGroupFrom({ navigationId: 3 })).toBeNull();
    expect(deletedGroupFrom(null)).toBeNull();
    expect(savedGroupFrom({ savedGroup: 'created' })).toBe('created');
    expect(savedGroupFrom({ savedGroup: 'other' })).toBeNull();
  });
});
