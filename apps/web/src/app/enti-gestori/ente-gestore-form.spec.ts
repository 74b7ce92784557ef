import { EnteGestore } from '@coopera/domain';
import {
  EMPTY_ENTE,
  EnteValues,
  enteValuesFrom,
  normalizeWebsite,
  taxCodeErrorKey,
  toCreateRequest,
  toUpdateRequest,
  validateEnte,
} from './ente-gestore-form';

const PELLICANO: EnteGestore = {
  id: 'e-1',
  name: 'Cooperativa Sociale Il Pellicano',
  taxCode: '02118311006',
  legalForm: 'COOPERATIVA_SOCIALE',
  seatComuneId: 'c-pa',
  seatComuneName: 'Palermo',
  email: 'info@ilpellicano.example',
  pec: null,
  phone: null,
  website: 'https://www.ilpellicano.example',
  proposed: true,
  projectCount: 0,
  version: 5,
};

const VALID: EnteValues = {
  ...EMPTY_ENTE,
  name: '  Associazione Esempio ',
  taxCode: ' 123 4567 8903 ',
  legalForm: 'ASSOCIAZIONE',
};

describe('ente gestore form mapping', () => {
  it('checks the tax code as the API does, with a message per shape', () => {
    expect(taxCodeErrorKey('')).toBe('entiGestori.form.errors.taxCodeRequired');
    expect(taxCodeErrorKey('02118311006')).toBeNull();
    expect(taxCodeErrorKey('02118311007')).toBe('entiGestori.form.errors.partitaIvaCheck');
    expect(taxCodeErrorKey('RSSMRA85T10A562S')).toBeNull();
    expect(taxCodeErrorKey('RSSMRA85T10A562X')).toBe('entiGestori.form.errors.codiceFiscaleInvalid');
    expect(taxCodeErrorKey('0211831100')).toBe('entiGestori.form.errors.taxCodeShape');
  });

  it('requires name, tax code and legal form, and checks the addresses', () => {
    expect(validateEnte(EMPTY_ENTE)).toEqual({
      name: { key: 'entiGestori.form.errors.nameRequired' },
      taxCode: { key: 'entiGestori.form.errors.taxCodeRequired' },
      legalForm: { key: 'entiGestori.form.errors.legalFormRequired' },
    });
    expect(validateEnte(VALID)).toEqual({});
    expect(validateEnte({ ...VALID, email: 'info@', pec: 'pec@x', website: 'not a site', phone: '1'.repeat(41) })).toEqual({
      email: { key: 'entiGestori.form.errors.emailInvalid' },
      pec: { key: 'entiGestori.form.errors.pecInvalid' },
      phone: { key: 'entiGestori.form.errors.tooLong' },
      website: { key: 'entiGestori.form.errors.websiteInvalid' },
    });
    expect(validateEnte({ ...VALID, name: 'x'.repeat(301) })).toEqual({ name: { key: 'entiGestori.form.errors.tooLong' } });
    expect(validateEnte({ ...VALID, name: ' x ' })).toEqual({ name: { key: 'entiGestori.form.errors.nameRequired' } });
    expect(validateEnte({ ...VALID, phone: 'tel. 091' })).toEqual({ phone: { key: 'entiGestori.form.errors.phoneInvalid' } });
    expect(validateEnte({ ...VALID, phone: '+39 091/555-01.01' })).toEqual({});
  });

  it('adds https:// to a web address typed without it', () => {
    expect(normalizeWebsite(' www.esempio.it ')).toBe('https://www.esempio.it');
    expect(normalizeWebsite('http://esempio.it/chi-siamo')).toBe('http://esempio.it/chi-siamo');
    expect(normalizeWebsite('   ')).toBeNull();
    expect(validateEnte({ ...VALID, website: 'www.esempio.it' })).toEqual({});
  });

  it('creates with the normalized tax code, leaving out empty optional fields', () => {
    expect(toCreateRequest(VALID)).toEqual({ name: 'Associazione Esempio', taxCode: '12345678903', legalForm: 'ASSOCIAZIONE' });
    expect(
      toCreateRequest({ ...VALID, taxCode: 'rssmra85t10a562s', seat: { id: 'c-sr', name: 'Siracusa' }, pec: ' a@pec.it ', website: 'esempio.it' }),
    ).toEqual({
      name: 'Associazione Esempio',
      taxCode: 'RSSMRA85T10A562S',
      legalForm: 'ASSOCIAZIONE',
      seatComuneId: 'c-sr',
      pec: 'a@pec.it',
      website: 'https://esempio.it',
    });
  });

  it('edits only what changed, with the version; emptied fields and seat become null', () => {
    const values = enteValuesFrom(PELLICANO);
    expect(values.seat).toEqual({ id: 'c-pa', name: 'Palermo' });
    expect(toUpdateRequest(PELLICANO, values)).toBeNull();
    expect(toUpdateRequest(PELLICANO, { ...values, website: 'www.ilpellicano.example' })).toBeNull();
    expect(
      toUpdateRequest(PELLICANO, { ...values, name: 'Il Pellicano Soc. Coop.', email: ' ', seat: null, phone: '091 123', legalForm: 'IMPRESA_SOCIALE' }),
    ).toEqual({ version: 5, name: 'Il Pellicano Soc. Coop.', legalForm: 'IMPRESA_SOCIALE', seatComuneId: null, email: null, phone: '091 123' });
    expect(toUpdateRequest(PELLICANO, { ...values, taxCode: '12345678903' })).toEqual({ version: 5, taxCode: '12345678903' });
  });
});
