import { Route } from '@angular/router';
import { authGuard, permissionMatch } from './auth/auth.guard';
import { canLeaveGuard } from './auth/can-leave.guard';
import { practiceWriterMatch } from './practices/practice-access';
import { projectWriterMatch } from './projects/project-access';

/** Every page is lazy-loaded: the initial bundle holds only the shell. Titles are i18n keys. */
export const appRoutes: Route[] = [
  {
    path: '',
    pathMatch: 'full',
    title: 'home.pageTitle',
    loadComponent: () => import('./home/home-page').then((m) => m.HomePage),
  },
  // The directory shows memberships and projects: the API answers signed-in users only.
  {
    path: 'comuni',
    title: 'comuni.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./comuni/comuni-page').then((m) => m.ComuniPage),
  },
  {
    path: 'comuni/:id',
    title: 'comune.pageTitle',
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./comuni/comune-page').then((m) => m.ComunePage),
  },
  {
    path: 'enti-gestori',
    title: 'entiGestori.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./enti-gestori/enti-gestori-page').then((m) => m.EntiGestoriPage),
  },
  {
    path: 'enti-gestori/nuovo',
    title: 'entiGestori.form.createTitle',
    canMatch: [permissionMatch('enti:manage')],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./enti-gestori/ente-gestore-form-page').then((m) => m.EnteGestoreFormPage),
  },
  {
    path: 'enti-gestori/nuovo',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'enti-gestori/:id/modifica',
    title: 'entiGestori.form.editTitle',
    canMatch: [permissionMatch('enti:manage')],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./enti-gestori/ente-gestore-form-page').then((m) => m.EnteGestoreFormPage),
  },
  {
    path: 'enti-gestori/:id/modifica',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'enti-gestori/:id',
    title: 'entiGestori.detail.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./enti-gestori/ente-gestore-page').then((m) => m.EnteGestorePage),
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
  // Memberships: every role signed in; the page shows the queue, the read-only list or the own Comune's.
  {
    path: 'adesioni',
    title: 'memberships.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./memberships/memberships-page').then((m) => m.MembershipsPage),
  },
  {
    path: 'adesioni/:id',
    title: 'memberships.detail.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./memberships/membership-detail-page').then((m) => m.MembershipDetailPage),
  },
  {
    path: 'gruppi-di-lavoro',
    title: 'workingGroups.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./working-groups/working-groups-page').then((m) => m.WorkingGroupsPage),
  },
  {
    path: 'gruppi-di-lavoro/nuovo',
    title: 'workingGroups.form.createPageTitle',
    canMatch: [permissionMatch('working-groups:manage')],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./working-groups/working-group-form-page').then((m) => m.WorkingGroupFormPage),
  },
  {
    path: 'gruppi-di-lavoro/nuovo',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'gruppi-di-lavoro/:id/modifica',
    title: 'workingGroups.form.editPageTitle',
    canMatch: [permissionMatch('working-groups:manage')],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./working-groups/working-group-form-page').then((m) => m.WorkingGroupFormPage),
  },
  {
    path: 'gruppi-di-lavoro/:id/modifica',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'gruppi-di-lavoro/:id',
    title: 'workingGroups.detail.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./working-groups/working-group-detail-page').then((m) => m.WorkingGroupDetailPage),
  },
  // Meetings: every role signed in reads (a referent the convened ones their Comune is invited to);
  // the form for meetings:manage (before `incontri/:id`, which would match "nuovo").
  {
    path: 'incontri',
    title: 'meetings.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./meetings/meetings-page').then((m) => m.MeetingsPage),
  },
  {
    path: 'incontri/nuovo',
    title: 'meetings.form.createHeading',
    canMatch: [permissionMatch('meetings:manage')],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./meetings/meeting-form-page').then((m) => m.MeetingFormPage),
  },
  {
    path: 'incontri/nuovo',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'incontri/:id/modifica',
    title: 'meetings.form.editHeading',
    canMatch: [permissionMatch('meetings:manage')],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./meetings/meeting-form-page').then((m) => m.MeetingFormPage),
  },
  {
    path: 'incontri/:id/modifica',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'incontri/:id',
    title: 'meetings.detail.pageTitle',
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./meetings/meeting-page').then((m) => m.MeetingPage),
  },
  // The e-mail outbox, for meetings:manage; everyone else gets the "not allowed" page at the same address.
  {
    path: 'posta-in-uscita',
    title: 'outbox.pageTitle',
    canMatch: [permissionMatch('meetings:manage')],
    canActivate: [authGuard],
    loadComponent: () => import('./outbox/outbox-page').then((m) => m.OutboxPage),
  },
  {
    path: 'posta-in-uscita',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'posta-in-uscita/:id',
    title: 'outbox.detail.pageTitle',
    canMatch: [permissionMatch('meetings:manage')],
    canActivate: [authGuard],
    loadComponent: () => import('./outbox/outbox-message-page').then((m) => m.OutboxMessagePage),
  },
  {
    path: 'posta-in-uscita/:id',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  // The referent's own Comune; everyone else gets the "not allowed" page at the same address.
  {
    path: 'il-mio-comune',
    title: 'myComune.pageTitle',
    canMatch: [permissionMatch('comuni:update-own')],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./my-comune/my-comune-page').then((m) => m.MyComunePage),
  },
  {
    path: 'il-mio-comune',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  // SAI projects: the form for roles that write projects (before `progetti/:id`, which would match "nuovo").
  {
    path: 'progetti/nuovo',
    title: 'projects.form.newTitle',
    canMatch: [projectWriterMatch],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./projects/project-form-page').then((m) => m.ProjectFormPage),
  },
  {
    path: 'progetti/nuovo',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'progetti/:id/modifica',
    title: 'projects.form.editTitle',
    canMatch: [projectWriterMatch],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./projects/project-form-page').then((m) => m.ProjectFormPage),
  },
  {
    path: 'progetti/:id/modifica',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'progetti/:id',
    title: 'projects.detail.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./projects/project-detail-page').then((m) => m.ProjectDetailPage),
  },
  // The network's figures: every signed-in role (a referent sees their own Comune's attendance only).
  {
    path: 'cruscotto',
    title: 'dashboard.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
  },
  // The good-practice library: everyone signed in reads; referents and the secretariat share
  // (the form's routes before `buone-pratiche/:id`, which would match "nuova").
  {
    path: 'buone-pratiche',
    title: 'practices.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./practices/practices-page').then((m) => m.PracticesPage),
  },
  {
    path: 'buone-pratiche/nuova',
    title: 'practices.form.createHeading',
    canMatch: [practiceWriterMatch],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./practices/practice-form-page').then((m) => m.PracticeFormPage),
  },
  {
    path: 'buone-pratiche/nuova',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'buone-pratiche/:id/modifica',
    title: 'practices.form.editHeading',
    canMatch: [practiceWriterMatch],
    canActivate: [authGuard],
    canDeactivate: [canLeaveGuard],
    loadComponent: () => import('./practices/practice-form-page').then((m) => m.PracticeFormPage),
  },
  {
    path: 'buone-pratiche/:id/modifica',
    title: 'forbidden.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./forbidden/forbidden-page').then((m) => m.ForbiddenPage),
  },
  {
    path: 'buone-pratiche/:id',
    title: 'practices.detail.pageTitle',
    canActivate: [authGuard],
    loadComponent: () => import('./practices/practice-page').then((m) => m.PracticePage),
  },
  {
    path: '**',
    title: 'notFound.pageTitle',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
