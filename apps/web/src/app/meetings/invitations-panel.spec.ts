import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MeetingDetail, Role } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { KIT_TESTING_PROVIDERS, provideAppTranslationsForTesting } from '../../testing/i18n-testing';
import { AUTH_API, AuthService } from '../auth/auth.service';
import { InvitationsPanel } from './invitations-panel';
import { MEETINGS_API_URL } from './meetings-api.service';

const MEETING: MeetingDetail = {
  id: 'm1',
  title: 'Assemblea plenaria',
  description: null,
  startsAt: '2030-12-07T08:00:00.000Z',
  endsAt: '2030-12-07T11:00:00.000Z',
  mode: 'ONLINE',
  place: null,
  onlineUrl: 'https://videoconferenza.example/coopera',
  seatLimit: null,
  workingGroupId: null,
  workingGroupName: null,
  status: 'HELD',
  cancelledReason: null,
  agendaItemCount: 0,
  version: 3,
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
  agenda: [],
  invitationCounts: { invited: 2, pending: 0, attending: 2, waiting: 0, declined: 0 },
  myInvitation: null,
};

describe('InvitationsPanel: the list as CSV', () => {
  let http: HttpTestingController;
  const saved: string[] = [];

  function setUp(role: Role) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideAppTranslationsForTesting(), KIT_TESTING_PROVIDERS],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role)));
    const fixture = TestBed.createComponent(InvitationsPanel);
    (fixture.componentRef as ComponentRef<InvitationsPanel>).setInput('meeting', MEETING);
    fixture.detectChanges();
    http.expectOne((r) => r.url.startsWith('/api/v1/working-groups')).flush({ items: [], total: 0, page: 1, pageSize: 100 });
    http.expectOne((r) => r.url === `${MEETINGS_API_URL}/m1/invitations`).flush({ items: [], total: 0, page: 1, pageSize: 20 });
    fixture.detectChanges();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  beforeEach(() => {
    saved.length = 0;
    Object.assign(window.URL, { createObjectURL: () => 'blob:csv', revokeObjectURL: () => undefined });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });

  afterEach(() => {
    http.verify();
    jest.restoreAllMocks();
  });

  it('downloads every invitation as CSV under the name the API gives', () => {
    const { fixture, root } = setUp('SERVIZIO_CENTRALE');
    const button = root.querySelector<HTMLButtonElement>('.invitations-export');
    expect(button?.textContent?.trim()).toBe('Esporta elenco (CSV)');
    button?.click();
    const request = http.expectOne(`${MEETINGS_API_URL}/m1/invitations.csv`);
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['\uFEFFComune;Risposta\r\n']), { headers: { 'Content-Disposition': 'attachment; filename="invitati-assemblea-plenaria.csv"' } });
    fixture.detectChanges();
    expect(saved).toEqual(['invitati-assemblea-plenaria.csv']);
  });

  it('is for the roles that read every meeting only', () => {
    const { root } = setUp('COMUNE_REFERENT');
    expect(root.querySelector('.invitations-export')).toBeNull();
  });
});
