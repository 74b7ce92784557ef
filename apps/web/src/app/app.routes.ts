import { Route } from '@angular/router';
import { authGuard, permissionMatch } from './auth/auth.guard';
import { canLeaveGuard } from './auth/can-leave.guard';

/** Every page is lazy-loaded: the initial bundle holds only the shell. Titles are i18n keys. */
export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'home.pageTitle',
    loadComponent: () => import('./home/home-page').then((m) => m.HomePage),
  },
  {
    path: 'comuni',
    title: 'comuni.pageTitle',
    loadComponent: () => import('./comuni/comuni-page').then((m) => m.ComuniPage),
  },
  {
    path: 'accedi',
    title: 'signIn.pageTitle',
    loadComponent: () => import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'attiva',
    title: 'activate.pageTitle',
    loadComponent: () => import('./activate/activate-page').then((m) => m.ActivatePage),
  },
  {
    path: 'profilo',
    title: 'profile.pageTitle',
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./profile/profile-page').then((m) => m.ProfilePage),
  },
  {
    path: 'amministrazione/utenti',
    title: 'users.pageTitle',
    canMatch: [permissionMatch('users:manage')],
    canActivate: [authGuard],
    loadComponent: () => import('./admin/users/users-page').then((m) => m.UsersPage),
  },
  // The same address for everyone else: sign in first, then a "not allowed" page.
  {
    path: 'amministrazione/utenti',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'amministrazione/registro',
    title: 'audit.pageTitle',
    canMatch: [permissionMatch('audit:read')],
    canActivate: [authGuard],
    loadComponent: () => import('./admin/audit/audit-page').then((m) => m.AuditPage),
  },
  {
    path: 'amministrazione/registro',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: '**',
    title: 'notFound.pageTitle',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
