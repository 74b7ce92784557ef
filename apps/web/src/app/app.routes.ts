import { Route } from '@angular/router';
import { authGuard } from './auth/auth.guard';

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
    path: 'profilo',
    title: 'profile.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./profile/profile-page').then((m) => m.ProfilePage),
  },
  {
    path: '**',
    title: 'notFound.pageTitle',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
