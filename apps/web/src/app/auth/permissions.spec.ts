import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ROLES, Role } from '@coopera/domain';
import { aLoginResponse, aUser } from '../../testing/auth-testing';
import { AUTH_API, AuthService } from './auth.service';
import { IfAllowed, PermissionGated, visibleFor } from './permissions';

interface Item extends PermissionGated {
  name: string;
}

const ITEMS: Item[] = [
  { name: 'home' },
  { name: 'comuni' },
  { name: 'users', requires: 'users:manage' },
  { name: 'audit', requires: 'audit:read' },
];

describe('visibleFor', () => {
  const names = (role: Role | null) => visibleFor(ITEMS, role ? aUser(role) : null).map((item) => item.name);

  it('shows open items to everyone, signed out included', () => {
    expect(names(null)).toEqual(['home', 'comuni']);
  });

  it('shows gated items only to the roles that hold the permission, keeping the order', () => {
    expect(names('ADMIN')).toEqual(['home', 'comuni', 'users', 'audit']);
    expect(names('SECRETARIAT')).toEqual(['home', 'comuni', 'audit']);
    expect(names('SERVIZIO_CENTRALE')).toEqual(['home', 'comuni']);
    expect(names('COMUNE_REFERENT')).toEqual(['home', 'comuni']);
  });

  it('goes by the role map, not by the permissions the user object happens to carry', () => {
    const forged = aUser('COMUNE_REFERENT', { permissions: ['users:manage'] });
    expect(visibleFor(ITEMS, forged).map((item) => item.name)).not.toContain('users');
  });

  it('knows every role', () => {
    for (const role of ROLES) expect(names(role)).toContain('comuni');
  });
});

@Component({
  imports: [IfAllowed],
  template: `<p>always</p><button *cpIfAllowed="'users:manage'">Gestisci utenti</button>`,
})
class Host {}

describe('*cpIfAllowed', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  function signInAs(role: Role): void {
    TestBed.inject(AuthService).login({ email: 'x@coopera.example', password: 'a long password' }).subscribe();
    http.expectOne(AUTH_API.login).flush(aLoginResponse(aUser(role)));
  }

  it('renders its template only while the role grants the permission', () => {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const button = () => (fixture.nativeElement as HTMLElement).querySelector('button');
    expect(button()).toBeNull();

    signInAs('ADMIN');
    fixture.detectChanges();
    expect(button()?.textContent).toBe('Gestisci utenti');

    TestBed.inject(AuthService).logout().subscribe();
    http.expectOne(AUTH_API.logout).flush(null);
    fixture.detectChanges();
    expect(button()).toBeNull();

    signInAs('SECRETARIAT');
    fixture.detectChanges();
    expect(button()).toBeNull();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('always');
  });
});
