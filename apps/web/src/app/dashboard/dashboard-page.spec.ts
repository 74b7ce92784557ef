import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DashboardStats, Role } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { DashboardPage } from './dashboard-page';
import { STATS_API_URL } from './stats-api.service';
import { CHART_LOADER } from './stats-chart';

function someStats(): DashboardStats {
  return {
    totals: { members: 14, projects: 2, posti: 64, enti: 2, meetingsHeld: 3, attendanceRate: 0.625 },
    membersByProvince: [{ province: 'CT', comuni: 58, members: 5 }],
    membersOverTime: [
      { month: '2026-10', members: 4 },
      { month: '2026-11', members: 5 },
    ],
    projectsByCategoryProvince: [{ category: 'MSNA', province: 'CT', projects: 2, posti: 64 }],
    entiByComuniServed: [{ enteId: 'e1', name: 'Cooperativa Sociale Il Faro', comuniServed: 2, projects: 2 }],
    attendanceByComune: [
      { comuneId: 'ct', comuneName: 'Catania', province: 'CT', invited: 4, present: 3, rate: 0.75, delegatesPresent: '<5' },
      { comuneId: 'acr', comuneName: 'Acireale', province: 'CT', invited: 4, present: 2, rate: 0.5, delegatesPresent: 6 },
    ],
    nonMemberTitolari: [{ comuneId: 'cm', comuneName: 'Città metropolitana di Catania', province: 'CT', openProjects: 1, posti: 24, membership: null }],
  };
}

describe('DashboardPage', () => {
  let http: HttpTestingController;

  async function open(url: string, role: Role = 'SERVIZIO_CENTRALE') {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'cruscotto', component: DashboardPage }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppTranslationsForTesting(),
        KIT_TESTING_PROVIDERS,
        // jsdom draws no canvas: the charts stay empty, the tables hold the figures.
        { provide: CHART_LOADER, useValue: () => Promise.resolve(null) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role)));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    const root = harness.routeNativeElement as HTMLElement;
    const clean = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    return { harness, root, clean };
  }

  afterEach(() => http.verify());

  it('asks the figures with the filters of the address and shows them as cards and tables', async () => {
    const { harness, root, clean } = await open('/cruscotto?province=CT&category=MSNA');
    const request = http.expectOne((r) => r.url === `${STATS_API_URL}/dashboard`);
    expect(request.request.params.toString()).toBe('province=CT&category=MSNA');
    request.flush(someStats());
    harness.detectChanges();

    expect([...root.querySelectorAll('.stat-card')].map((card) => `${clean(card.querySelector('dt'))}: ${clean(card.querySelector('dd'))}`)).toEqual([
      'Comuni aderenti: 14',
      'Progetti SAI: 2',
      'Posti finanziati: 64',
      'Enti gestori: 2',
      'Incontri svolti: 3',
      'Tasso di partecipazione: 63%',
    ]);
    expect(clean(root.querySelector('#totals-heading'))).toBe('In sintesi — Catania (CT), MSNA');
    expect(root.querySelector<HTMLSelectElement>('#dashboard-province')?.value).toBe('CT');

    // The projects table: the filter's province and category only.
    const projects = root.querySelector('.projects-matrix');
    expect([...(projects?.querySelectorAll('tbody tr > *') ?? [])].map(clean)).toEqual(['Catania (CT)', '2', '64']);
    expect(projects?.querySelector('tfoot')).toBeNull();

    // Every chart is an image named by its figures.
    const charts = [...root.querySelectorAll('canvas[role="img"]')];
    expect(charts).toHaveLength(4);
    expect(charts[0]?.getAttribute('aria-label')).toBe('Grafico a barre degli aderenti e dei Comuni per provincia. Catania: Aderenti 5, Comuni 58.');

    const attendance = [...root.querySelectorAll('.attendance-table tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map(clean));
    expect(attendance).toEqual([
      ['Acireale', 'Catania', '4', '2', '50%', '6'],
      ['Catania', 'Catania', '4', '3', '75%', '< 5'],
    ]);
    const nonMember = root.querySelector('#non-members-heading')?.closest('section');
    expect(nonMember?.querySelector('tbody a')?.getAttribute('href')).toBe('/comuni/cm');
    expect(clean(nonMember?.querySelector('.membership-badge'))).toBe('Non aderente');

    // The Servizio Centrale exports projects and attendance.
    expect(root.querySelectorAll('cp-export-buttons button.export-button')).toHaveLength(4);
  });

  it('changes the address when a filter changes', async () => {
    const { harness, root } = await open('/cruscotto');
    http.expectOne((r) => r.url === `${STATS_API_URL}/dashboard`).flush(someStats());
    harness.detectChanges();
    const router = TestBed.inject(Router);
    const select = root.querySelector<HTMLSelectElement>('#dashboard-category');
    if (!select) throw new Error('no category');
    select.value = 'MSNA';
    select.dispatchEvent(new Event('change'));
    await harness.fixture.whenStable();
    expect(router.url).toBe('/cruscotto?category=MSNA');
    const next = http.expectOne((r) => r.url === `${STATS_API_URL}/dashboard`);
    expect(next.request.params.get('category')).toBe('MSNA');
    next.flush(someStats());
  });

  it('says so when the period is reversed, without asking the API', async () => {
    const { harness, root, clean } = await open('/cruscotto?from=2026-06-01&to=2026-01-01');
    http.expectNone((r) => r.url === `${STATS_API_URL}/dashboard`);
    harness.detectChanges();
    expect(clean(root.querySelector('.alert-warning'))).toBe('La data finale del periodo viene prima di quella iniziale: correggi le date.');
  });

  it("shows the API's problem with a retry", async () => {
    const { harness, root, clean } = await open('/cruscotto');
    http
      .expectOne((r) => r.url === `${STATS_API_URL}/dashboard`)
      .flush({ title: 'Bad Request', status: 400, detail: 'Parametri non validi.', errors: [{ name: 'from', reason: 'must be a date' }] }, { status: 400, statusText: 'Bad Request' });
    harness.detectChanges();
    expect(clean(root.querySelector('.alert-danger p'))).toBe('Parametri non validi.');
    root.querySelector<HTMLButtonElement>('.alert-danger button')?.click();
    http.expectOne((r) => r.url === `${STATS_API_URL}/dashboard`).flush(someStats());
    harness.detectChanges();
    expect(root.querySelectorAll('.stat-card')).toHaveLength(6);
  });

  it('tells a referent that the attendance is their own Comune’s, and offers no export', async () => {
    const { harness, root, clean } = await open('/cruscotto', 'COMUNE_REFERENT');
    http.expectOne((r) => r.url === `${STATS_API_URL}/dashboard`).flush({ ...someStats(), attendanceByComune: [] });
    harness.detectChanges();
    expect(clean(root.querySelector('#attendance-heading')?.closest('section')?.querySelector('p'))).toContain('Vedi solo la riga del tuo Comune.');
    expect(root.querySelectorAll('cp-export-buttons button')).toHaveLength(0);
  });
});
