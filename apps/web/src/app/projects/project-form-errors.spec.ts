import { CLOSED_PROJECT_PROBLEM_TYPE, ProblemDetails, STALE_VERSION_PROBLEM_TYPE } from '@coopera/domain';
import { firstInvalidField, projectErrorsFrom, saveFailureFrom } from './project-form-errors';
import { projectFormFrom } from './project-form-model';
import { aProject } from './project-testing';

const problem = (overrides: Partial<ProblemDetails> = {}): ProblemDetails => ({
  type: 'about:blank',
  title: 'Bad Request',
  status: 400,
  detail: 'The request has invalid fields.',
  ...overrides,
});

describe('project form errors', () => {
  const form = projectFormFrom(aProject());

  it('puts the API reasons on the fields they name, down to a row of a list', () => {
    const { onFields, others } = projectErrorsFrom(
      problem({
        errors: [
          { name: 'expansions.0.posti', reason: 'must not be greater than 10000' },
          { name: 'expansions.0.posti', reason: 'must be an integer number' },
          { name: 'entiGestori.0.taxCode', reason: 'has a wrong check digit (partita IVA)' },
          { name: 'endDate', reason: 'must be after startDate' },
          { name: 'services.3', reason: 'must be one of the following values' },
          { name: 'expansions.7.posti', reason: 'no such row' },
          { name: 'version', reason: 'must be an integer' },
          { name: 'titolareComuneId', reason: 'must be a UUID' },
        ],
      }),
      form,
      false,
    );
    expect(onFields).toEqual({
      'expansions.0.posti': { text: 'must not be greater than 10000' },
      'entiGestori.0.taxCode': { text: 'has a wrong check digit (partita IVA)' },
      endDate: { text: 'must be after startDate' },
      services: { text: 'must be one of the following values' },
      // A row the form has not: on its list.
      expansions: { text: 'no such row' },
    });
    expect(others.map((o) => o.name)).toEqual(['version', 'titolareComuneId']);
  });

  it('shows the titolare error on its field when the form has one', () => {
    const { onFields } = projectErrorsFrom(problem({ errors: [{ name: 'titolareComuneId', reason: 'must be your own Comune' }] }), form, true);
    expect(onFields).toEqual({ titolareComuneId: { text: 'must be your own Comune' } });
  });

  it('finds the first field in the order of the form', () => {
    expect(firstInvalidField({ 'entiGestori.0.role': { key: 'x' }, posti: { key: 'y' } }, form)).toBe('posti');
  });

  it('tells the failures apart', () => {
    expect(saveFailureFrom(409, problem({ status: 409, type: STALE_VERSION_PROBLEM_TYPE, currentVersion: 5 }))).toEqual({ kind: 'stale' });
    expect(saveFailureFrom(409, problem({ status: 409, type: CLOSED_PROJECT_PROBLEM_TYPE }))).toEqual({ kind: 'closed' });
    expect(saveFailureFrom(409, problem({ status: 409, detail: 'The code is taken.' }))).toEqual({ kind: 'conflict', detail: 'The code is taken.' });
    expect(saveFailureFrom(403, problem({ status: 403, detail: 'Not yours.' }))).toEqual({ kind: 'forbidden', detail: 'Not yours.' });
    expect(saveFailureFrom(404, problem({ status: 404 }))).toEqual({ kind: 'notFound' });
    expect(saveFailureFrom(400, problem())).toEqual({ kind: 'invalid', detail: 'The request has invalid fields.', others: [] });
    expect(saveFailureFrom(0, null)).toEqual({ kind: 'unreachable' });
  });
});
