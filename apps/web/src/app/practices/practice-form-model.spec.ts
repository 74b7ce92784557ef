import { Practice } from '@coopera/domain';
import { aUser } from '../../testing/auth-testing';
import { canEditPractice, canSharePractices, choosesComune, deletedPracticeFrom, savedPracticeFrom } from './practice-access';
import {
  EMPTY_PRACTICE,
  PracticeValues,
  createRequest,
  isWebLink,
  practiceChanged,
  practiceErrorsFrom,
  tagToAdd,
  updateRequest,
  validatePractice,
  valuesOf,
} from './practice-form-model';

const PALERMO = '0b6f7f0e-1d5c-4a8e-9b1e-000000082053';

function aPractice(overrides: Partial<Practice> = {}): Practice {
  return {
    id: 'p1',
    title: 'Tirocini formativi per titolari di protezione',
    summary: 'Percorsi di sei mesi con imprese del territorio.',
    kind: 'BUONA_PRATICA',
    tags: ['lavoro', 'tirocini'],
    comuneId: PALERMO,
    comuneName: 'Palermo',
    link: null,
    document: null,
    authorName: 'Rosa Lombardo',
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    version: 3,
    ...overrides,
  };
}

const VALID: PracticeValues = {
  ...EMPTY_PRACTICE,
  title: ' Mappatura dei servizi ',
  summary: 'Uno strumento condiviso con i servizi sociali e sanitari del distretto.',
  kind: 'STRUMENTO',
  tags: ['rete territoriale'],
  link: ' https://www.comune.palermo.it/ ',
};

describe('who writes practices', () => {
  it('lets the secretariat share and edit any, a referent only their own Comune’s', () => {
    const referent = aUser('COMUNE_REFERENT');
    expect(canSharePractices(aUser('SECRETARIAT'))).toBe(true);
    expect(canSharePractices(referent)).toBe(true);
    expect(canSharePractices(aUser('SERVIZIO_CENTRALE'))).toBe(false);
    expect(canSharePractices(null)).toBe(false);
    expect(canEditPractice(referent, { comuneId: PALERMO })).toBe(true);
    expect(canEditPractice(referent, { comuneId: 'other' })).toBe(false);
    expect(canEditPractice(referent, { comuneId: null })).toBe(false);
    expect(canEditPractice(aUser('ADMIN'), { comuneId: null })).toBe(true);
    expect(canEditPractice(aUser('SERVIZIO_CENTRALE'), { comuneId: PALERMO })).toBe(false);
    expect(choosesComune(aUser('SECRETARIAT'))).toBe(true);
    expect(choosesComune(referent)).toBe(false);
  });

  it('reads what the previous page said through the navigation state', () => {
    expect(savedPracticeFrom({ savedPractice: 'created', navigationId: 2 })).toBe('created');
    expect(savedPracticeFrom({ savedPractice: 'other' })).toBeNull();
    expect(deletedPracticeFrom({ deletedPractice: 'Mappatura' })).toBe('Mappatura');
    expect(deletedPracticeFrom(null)).toBeNull();
  });
});

describe('the practice form', () => {
  it('checks what the API checks', () => {
    expect(validatePractice(EMPTY_PRACTICE, false)).toEqual({
      title: { key: 'practices.form.errors.titleRequired' },
      summary: { key: 'practices.form.errors.summaryRequired' },
      kind: { key: 'practices.form.errors.kindRequired' },
    });
    expect(validatePractice({ ...VALID, title: 'ab', summary: 'troppo corta', link: 'ftp://x.it' }, false)).toEqual({
      title: { key: 'practices.form.errors.titleShort' },
      summary: { key: 'practices.form.errors.summaryShort' },
      link: { key: 'practices.form.errors.link' },
    });
    expect(validatePractice(VALID, false)).toEqual({});
    // The secretariat sharing for a Comune must choose it.
    expect(validatePractice({ ...VALID, sharedBy: 'COMUNE' }, true)).toEqual({ comune: { key: 'practices.form.errors.comuneRequired' } });
    expect(validatePractice({ ...VALID, sharedBy: 'COMUNE' }, false)).toEqual({});
  });

  it('accepts web links only', () => {
    expect(isWebLink('https://www.anci.sicilia.it/buone-pratiche')).toBe(true);
    expect(isWebLink('http://example.org')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink('www.comune.it')).toBe(false);
    expect(isWebLink('https://localhost')).toBe(false);
  });

  it('adds tags normalised, once, within the limits', () => {
    expect(tagToAdd('  Inserimento  Lavorativo ', [])).toEqual({ tag: 'inserimento lavorativo' });
    expect(tagToAdd('lavoro', ['lavoro'])).toEqual({ error: { key: 'practices.form.errors.tagRepeated' } });
    expect(tagToAdd('a'.repeat(41), [])).toEqual({ error: { key: 'practices.form.errors.tagTooLong' } });
    expect(tagToAdd('msna!', [])).toEqual({ error: { key: 'practices.form.errors.tagInvalid' } });
    expect(tagToAdd('nuova', Array.from({ length: 10 }, (_, i) => `t${i}`))).toEqual({ error: { key: 'practices.form.errors.tooManyTags' } });
    expect(tagToAdd('   ', [])).toBeNull();
    expect(tagToAdd('àccoglienza-2025', [])).toEqual({ tag: 'àccoglienza-2025' });
  });

  it('creates for the Comune chosen by the secretariat, or the coordination; a referent’s Comune is the API’s', () => {
    expect(createRequest(VALID, false)).toEqual({
      title: 'Mappatura dei servizi',
      summary: VALID.summary,
      kind: 'STRUMENTO',
      tags: ['rete territoriale'],
      link: 'https://www.comune.palermo.it/',
    });
    expect(createRequest(VALID, true).comuneId).toBeNull();
    expect(createRequest({ ...VALID, sharedBy: 'COMUNE', comune: { id: PALERMO, name: 'Palermo' } }, true).comuneId).toBe(PALERMO);
    expect(createRequest({ ...VALID, link: '  ' }, false).link).toBeNull();
  });

  it('sends only what changed, with the version read', () => {
    const practice = aPractice();
    const values = valuesOf(practice);
    expect(updateRequest(practice, values)).toBeNull();
    expect(practiceChanged(values, { ...values, title: `${values.title} ` })).toBe(false);
    const changed = { ...values, tags: ['lavoro'], link: 'https://example.org/tirocini' };
    expect(practiceChanged(values, changed)).toBe(true);
    expect(updateRequest(practice, changed)).toEqual({ version: 3, tags: ['lavoro'], link: 'https://example.org/tirocini' });
    expect(updateRequest(aPractice({ link: 'https://x.it' }), { ...valuesOf(aPractice({ link: 'https://x.it' })), link: '' })).toEqual({ version: 3, link: null });
  });

  it('puts the API’s field errors under their fields', () => {
    const { onFields, others } = practiceErrorsFrom({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Dati non validi.',
      errors: [
        { name: 'tags.1', reason: 'each tag must be letters, digits, spaces and dashes' },
        { name: 'comuneId', reason: 'must be a UUID' },
        { name: 'version', reason: 'must be an integer' },
      ],
    });
    expect(onFields).toEqual({ tags: { text: 'each tag must be letters, digits, spaces and dashes' }, comune: { text: 'must be a UUID' } });
    expect(others).toEqual([{ name: 'version', reason: 'must be an integer' }]);
  });
});
