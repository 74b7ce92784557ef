import {
  ProjectFormValue,
  createProjectRequest,
  emptyProjectForm,
  fieldId,
  fieldOrder,
  formSnapshot,
  isIsoDate,
  parsePosti,
  projectFormFrom,
  rowKey,
  taxCodeError,
  updateProjectRequest,
  validateProjectForm,
} from './project-form-model';
import { MONREALE_ID, PALERMO_ID, aProject } from './project-testing';

/** A valid new project's form, with `change` applied. */
function aForm(change: Partial<ProjectFormValue> = {}): ProjectFormValue {
  return {
    ...emptyProjectForm(),
    code: 'PROG-9-PR-1',
    title: 'Accoglienza MSNA',
    category: 'MSNA',
    posti: '20',
    startDate: '2024-01-01',
    endDate: '2026-12-31',
    ...change,
  };
}

const keysOf = (errors: Record<string, { key: string } | { text: string }>) =>
  Object.fromEntries(Object.entries(errors).map(([name, error]) => [name, 'key' in error ? error.key : error.text]));

describe('project form model', () => {
  describe('validateProjectForm', () => {
    it('finds nothing wrong in a complete form', () => {
      expect(validateProjectForm(aForm(), PALERMO_ID)).toEqual({});
      expect(validateProjectForm(projectFormFrom(aProject()), PALERMO_ID)).toEqual({});
    });

    it('asks for the required fields', () => {
      expect(keysOf(validateProjectForm(emptyProjectForm(), PALERMO_ID))).toEqual({
        code: 'projects.form.errors.required',
        title: 'projects.form.errors.required',
        category: 'projects.form.errors.categoryRequired',
        posti: 'projects.form.errors.postiRequired',
        startDate: 'projects.form.errors.dateRequired',
        endDate: 'projects.form.errors.dateRequired',
      });
    });

    it('checks the code, the title and the mailbox as the API does', () => {
      const errors = keysOf(
        validateProjectForm(aForm({ code: 'PROG 1', title: 'Ab', mailbox: 'sai@comune', responsibleOfficer: 'x'.repeat(201) }), PALERMO_ID),
      );
      expect(errors).toEqual({
        code: 'projects.form.errors.codeShape',
        title: 'projects.form.errors.tooShort',
        mailbox: 'projects.form.errors.emailInvalid',
        responsibleOfficer: 'projects.form.errors.tooLong',
      });
      expect(validateProjectForm(aForm({ code: 'P'.repeat(41) }), PALERMO_ID)['code']).toEqual({ key: 'projects.form.errors.tooLong' });
    });

    it.each(['0', '-3', '2.5', '12,5', 'dieci', '10001'])('refuses %s posti', (posti) => {
      expect(validateProjectForm(aForm({ posti }), PALERMO_ID)['posti']).toEqual({ key: 'projects.form.errors.postiInvalid' });
    });

    it('wants the end after the start, and real dates', () => {
      expect(validateProjectForm(aForm({ endDate: '2024-01-01' }), PALERMO_ID)['endDate']).toEqual({ key: 'projects.form.errors.endBeforeStart' });
      expect(validateProjectForm(aForm({ startDate: '2024-02-30' }), PALERMO_ID)['startDate']).toEqual({ key: 'projects.form.errors.dateInvalid' });
    });

    it('wants each extension after the previous end', () => {
      const errors = validateProjectForm(
        aForm({
          extensions: [
            { key: rowKey(), until: '2026-12-31', actReference: 'DM 1/2026' }, // not after the end
            { key: rowKey(), until: '2027-06-30', actReference: 'DM 2/2027' },
            { key: rowKey(), until: '2027-03-31', actReference: 'DM' }, // before the previous one, act too short
          ],
        }),
        PALERMO_ID,
      );
      expect(keysOf(errors)).toEqual({
        'extensions.0.until': 'projects.form.errors.extensionNotAfter',
        'extensions.2.until': 'projects.form.errors.extensionNotAfter',
        'extensions.2.actReference': 'projects.form.errors.tooShort',
      });
    });

    it('wants ampliamenti within the funding period, extensions included', () => {
      const form = aForm({
        extensions: [{ key: rowKey(), until: '2027-06-30', actReference: 'DM 2/2027' }],
        expansions: [
          { key: rowKey(), posti: '5', effectiveFrom: '2027-05-01', actReference: 'DM 3/2027' }, // within the extension
          { key: rowKey(), posti: '0', effectiveFrom: '2023-12-31', actReference: '' },
        ],
      });
      expect(keysOf(validateProjectForm(form, PALERMO_ID))).toEqual({
        'expansions.1.posti': 'projects.form.errors.postiInvalid',
        'expansions.1.effectiveFrom': 'projects.form.errors.outsidePeriod',
        'expansions.1.actReference': 'projects.form.errors.required',
      });
    });

    it('refuses the titolare among the associated Comuni, and the same Comune twice', () => {
      const errors = validateProjectForm(
        aForm({
          associatedComuni: [
            { id: MONREALE_ID, name: 'Monreale' },
            { id: PALERMO_ID, name: 'Palermo' },
            { id: MONREALE_ID, name: 'Monreale' },
          ],
        }),
        PALERMO_ID,
      );
      expect(keysOf(errors)).toEqual({
        'associatedComuneIds.1': 'projects.form.errors.associatedIsTitolare',
        'associatedComuneIds.2': 'projects.form.errors.duplicate',
      });
    });

    it('checks the enti gestori: tax code, no duplicates, name and legal form of a proposal', () => {
      const errors = validateProjectForm(
        aForm({
          entiGestori: [
            { key: rowKey(), taxCode: '02118311006', role: 'ATTUATORE', name: 'Il Pellicano', known: true, legalForm: null, seat: null },
            { key: rowKey(), taxCode: '0211 8311 006', role: 'PARTNER', name: 'Il Pellicano', known: true, legalForm: null, seat: null },
            { key: rowKey(), taxCode: '01234567890', role: 'PARTNER', name: 'X', known: false, legalForm: null, seat: null },
          ],
        }),
        PALERMO_ID,
      );
      expect(keysOf(errors)).toEqual({
        'entiGestori.1.taxCode': 'projects.form.errors.duplicate',
        'entiGestori.2.taxCode': 'projects.form.errors.partitaIvaCheck',
        'entiGestori.2.name': 'projects.form.errors.tooShort',
        'entiGestori.2.legalForm': 'projects.form.errors.legalFormRequired',
      });
    });
  });

  it('tells apart the kinds of wrong tax codes', () => {
    expect(taxCodeError('02118311006')).toBeNull();
    expect(taxCodeError(' 02118 311006 ')).toBeNull();
    expect(taxCodeError('RSSMRA85T10A562S')).toBeNull();
    expect(taxCodeError('')).toEqual({ key: 'projects.form.errors.taxCodeRequired' });
    expect(taxCodeError('02118311007')).toEqual({ key: 'projects.form.errors.partitaIvaCheck' });
    expect(taxCodeError('RSSMRA85T10A562X')).toEqual({ key: 'projects.form.errors.codiceFiscaleInvalid' });
    expect(taxCodeError('12345')).toEqual({ key: 'projects.form.errors.taxCodeShape' });
  });

  it('reads dates and posti strictly', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('29/02/2024')).toBe(false);
    expect(parsePosti(' 15 ')).toBe(15);
    expect(parsePosti('1e3')).toBeNull();
  });

  it('fills the form with the first period end, not the one extended', () => {
    const form = projectFormFrom(aProject({ services: ['MEDIAZIONE_LINGUISTICO_CULTURALE', 'ACCOGLIENZA_MATERIALE'] }));
    expect(form.endDate).toBe('2025-12-31');
    expect(form.posti).toBe('100');
    expect(form.services).toEqual(['MEDIAZIONE_LINGUISTICO_CULTURALE', 'ACCOGLIENZA_MATERIALE']);
    expect(form.entiGestori[0]).toMatchObject({ taxCode: '01234567897', role: 'ATTUATORE', known: true });
  });

  it('maps a new project to the create request: trimmed, typed, empty texts as null', () => {
    const request = createProjectRequest(
      aForm({
        code: ' PROG-9-PR-1 ',
        responsibleOfficer: '  ',
        mailbox: ' sai@comune.noto.sr.it ',
        services: ['TUTELA_PSICO_SOCIO_SANITARIA', 'MEDIAZIONE_LINGUISTICO_CULTURALE'],
        expansions: [{ key: rowKey(), posti: ' 4 ', effectiveFrom: '2025-01-01', actReference: ' DM 7/2025 ' }],
        entiGestori: [
          { key: rowKey(), taxCode: '0211 8311 006', role: 'PARTNER', name: 'Il Pellicano', known: true, legalForm: null, seat: null },
          {
            key: rowKey(),
            taxCode: '01234567897',
            role: 'ATTUATORE',
            name: ' Nuova Cooperativa ',
            known: false,
            legalForm: 'COOPERATIVA_SOCIALE',
            seat: { id: MONREALE_ID, name: 'Monreale' },
          },
        ],
      }),
      PALERMO_ID,
    );
    expect(request).toEqual({
      titolareComuneId: PALERMO_ID,
      code: 'PROG-9-PR-1',
      title: 'Accoglienza MSNA',
      category: 'MSNA',
      status: 'ACTIVE',
      associatedComuneIds: [],
      posti: 20,
      expansions: [{ posti: 4, effectiveFrom: '2025-01-01', actReference: 'DM 7/2025' }],
      startDate: '2024-01-01',
      endDate: '2026-12-31',
      extensions: [],
      responsibleOfficer: null,
      mailbox: 'sai@comune.noto.sr.it',
      // In the guidelines' order.
      services: ['MEDIAZIONE_LINGUISTICO_CULTURALE', 'TUTELA_PSICO_SOCIO_SANITARIA'],
      entiGestori: [
        { taxCode: '02118311006', role: 'PARTNER' },
        { taxCode: '01234567897', role: 'ATTUATORE', name: 'Nuova Cooperativa', legalForm: 'COOPERATIVA_SOCIALE', seatComuneId: MONREALE_ID },
      ],
    });
  });

  describe('updateProjectRequest', () => {
    it('is null when nothing changed (whatever the order of the services read)', () => {
      const project = aProject({ services: ['MEDIAZIONE_LINGUISTICO_CULTURALE', 'ACCOGLIENZA_MATERIALE'] });
      expect(updateProjectRequest(projectFormFrom(project), project)).toBeNull();
    });

    it('sends the changed fields with the version, and a changed list whole', () => {
      const project = aProject();
      const form = projectFormFrom(project);
      const request = updateProjectRequest(
        {
          ...form,
          title: 'Accoglienza integrata Palermo 2',
          services: [...form.services, 'INSERIMENTO_LAVORATIVO'],
          entiGestori: [
            ...form.entiGestori,
            { key: rowKey(), taxCode: '02118311006', role: 'PARTNER', name: 'Il Pellicano', known: true, legalForm: null, seat: null },
          ],
        },
        project,
      );
      expect(request).toEqual({
        version: 4,
        title: 'Accoglienza integrata Palermo 2',
        services: ['MEDIAZIONE_LINGUISTICO_CULTURALE', 'ACCOGLIENZA_MATERIALE', 'INSERIMENTO_LAVORATIVO'],
        entiGestori: [
          { taxCode: '01234567897', role: 'ATTUATORE' },
          { taxCode: '02118311006', role: 'PARTNER' },
        ],
      });
    });

    it('sends an emptied list and an emptied text', () => {
      const project = aProject();
      const request = updateProjectRequest({ ...projectFormFrom(project), extensions: [], mailbox: '' }, project);
      expect(request).toEqual({ version: 4, extensions: [], mailbox: null });
    });
  });

  it('orders the fields as the form shows them, and names their inputs', () => {
    const form = projectFormFrom(aProject());
    const order = fieldOrder(form);
    expect(order.indexOf('code')).toBeLessThan(order.indexOf('expansions.0.posti'));
    expect(order.indexOf('expansions.0.actReference')).toBeLessThan(order.indexOf('extensions.0.until'));
    expect(order).toContain('entiGestori.0.taxCode');
    expect(fieldId('expansions.0.posti')).toBe('project-expansions-0-posti');
  });

  it('compares forms without the rows\u2019 keys', () => {
    const project = aProject();
    expect(formSnapshot(projectFormFrom(project))).toBe(formSnapshot(projectFormFrom(project)));
  });
});
