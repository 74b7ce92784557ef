import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { Role, WorkingGroup, WorkingGroupDetail } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { domOf, pageOf, textOf } from '../memberships/memberships-testing';
import { WorkingGroupDetailPage } from './working-group-detail-page';
import { WORKING_GROUPS_API_URL } from './working-groups-api.service';
import { WorkingGroupsPage } from './working-groups-page';

@Component({ template: '' })
class Blank {}

const MSNA: WorkingGroupDetail = {
  id: 'g1',
  name: 'MSNA',
  description: 'Minori stranieri non accompagnati',
  memberCount: 2,
  createdAt: '2025-01-10T10:00:00Z',
  version: 1,
  members: [
    { comuneId: 'pa', comuneName: 'Palermo', province: 'PA' },
    { comuneId: 'ct', comuneName: 'Catania', province: 'CT' },
  ],
};
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { members: _members, ...MSNA_SUMMARY } = MSNA;
const summary: WorkingGroup = MSNA_SUMMARY;

describe('working group pages', () => {
  let http: HttpTestingController;

  function setUp(role: Role, id: string | null = null): void {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
        ...(id ? [{ provide: ActivatedRoute, useValue: { snapshot: { paramMap: convertToParamMap({ id }) } } }] : []),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const user = aUser(role);
    TestBed.inject(AuthService).login({ email: user.email, password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(user));
  }

  afterEach(() => http.verify());

  it('lists the groups with their description and number of members; the secretariat may create one', async () => {
    setUp('SECRETARIAT');
    const fixture = TestBed.createComponent(WorkingGroupsPage);
    const dom = domOf(fixture);
    fixture.detectChanges();
    const req = http.expectOne((r) => r.url === WORKING_GROUPS_API_URL);
    expect(req.request.params.get('page')).toBe('1');
    req.flush(pageOf([summary, { ...summary, id: 'g2', name: 'Tavolo casa', description: null, memberCount: 1 }]));
    await dom.settle();
    expect([...dom.element.querySelectorAll('.group-card')].map((card) => textOf(card))).toEqual([
      'MSNAMinori stranieri non accompagnati 2 Comuni aderenti',
      'Tavolo casa 1 Comune aderente',
    ]);
    expect(dom.element.querySelector('.group-card a')?.getAttribute('href')).toBe('/gruppi-di-lavoro/g1');
    expect(dom.element.querySelector('a[href="/gruppi-di-lavoro/nuovo"]')).not.toBeNull();
    expect(dom.element.querySelector('.callout-note')).toBeNull();
  });

  it("tells a referent they see only their Comune's groups, and explains an empty list", async () => {
    setUp('COMUNE_REFERENT');
    const fixture = TestBed.createComponent(WorkingGroupsPage);
    const dom = domOf(fixture);
    fixture.detectChanges();
    http.expectOne((r) => r.url === WORKING_GROUPS_API_URL).flush(pageOf([]));
    await dom.settle();
    expect(textOf(dom.element.querySelector('.callout-note'))).toBe('Vedi i gruppi di cui fa parte il Comune di Palermo.');
    expect(textOf(dom.element.querySelector('.empty-state'))).toContain('Il Comune di Palermo non fa parte di nessun gruppo di lavoro');
    expect(textOf(dom.element.querySelector('.empty-state'))).toContain('scrivi alla segreteria');
    expect(dom.element.querySelector('a[href="/gruppi-di-lavoro/nuovo"]')).toBeNull();
  });

  it('shows a group with its members (links to their pages), in alphabetical order', async () => {
    setUp('COMUNE_REFERENT', 'g1');
    const fixture = TestBed.createComponent(WorkingGroupDetailPage);
    const dom = domOf(fixture);
    fixture.detectChanges();
    http.expectOne(`${WORKING_GROUPS_API_URL}/g1`).flush(MSNA);
    await dom.settle();
    expect(textOf(dom.element.querySelector('h1'))).toBe('MSNA');
    expect(textOf(dom.element.querySelector('#group-members-heading'))).toBe('2 Comuni aderenti');
    expect([...dom.element.querySelectorAll('.member-list a')].map((a) => [textOf(a), a.getAttribute('href')])).toEqual([
      ['Catania', '/comuni/ct'],
      ['Palermo', '/comuni/pa'],
    ]);
    expect(dom.button('Elimina')).toBeUndefined();
  });

  it('deletes a group only after a confirmation, then goes back to the list', async () => {
    setUp('SECRETARIAT', 'g1');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');
    const fixture = TestBed.createComponent(WorkingGroupDetailPage);
    const dom = domOf(fixture);
    fixture.detectChanges();
    http.expectOne(`${WORKING_GROUPS_API_URL}/g1`).flush(MSNA);
    await dom.settle();
    expect(dom.element.querySelector('a[href="/gruppi-di-lavoro/g1/modifica"]')).not.toBeNull();

    dom.button('Elimina')?.click();
    await dom.settle();
    expect(textOf(dom.element.querySelector('#delete-confirm-heading'))).toBe('Eliminare il gruppo «MSNA»?');
    expect(document.activeElement?.id).toBe('');
    expect(document.activeElement?.classList.contains('alert-warning')).toBe(true);
    dom.button('Annulla')?.click();
    await dom.settle();
    expect(dom.element.querySelector('#delete-confirm-heading')).toBeNull();
    expect(document.activeElement).toBe(dom.button('Elimina'));
    http.expectNone({ method: 'DELETE' });

    dom.button('Elimina')?.click();
    await dom.settle();
    dom.button('Elimina definitivamente')?.click();
    http.expectOne({ method: 'DELETE', url: `${WORKING_GROUPS_API_URL}/g1` }).flush(null, { status: 204, statusText: 'No Content' });
    await dom.settle();
    expect(navigate).toHaveBeenCalledWith(['/gruppi-di-lavoro'], { state: { deletedGroup: 'MSNA' } });
  });

  it('says when a group does not exist (or is not visible)', async () => {
    setUp('COMUNE_REFERENT', 'g9');
    const fixture = TestBed.createComponent(WorkingGroupDetailPage);
    const dom = domOf(fixture);
    fixture.detectChanges();
    http.expectOne(`${WORKING_GROUPS_API_URL}/g9`).flush({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' }, { status: 404, statusText: 'Not Found' });
    await dom.settle();
    expect(textOf(dom.element.querySelector('.alert-danger'))).toContain('Gruppo di lavoro non trovato');
  });
});
