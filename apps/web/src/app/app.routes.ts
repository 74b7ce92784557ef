import { Route } from '@angular/router';

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
    path: '**',
    title: 'notFound.pageTitle',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
