import { ChangeDetectionStrategy, Component, DOCUMENT, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ProjectDetail } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { CanLeave } from '../auth/can-leave.guard';
import { ComuniApiService } from '../comuni/comuni-api.service';
import { canWriteProject } from './project-access';
import { ProjectForm } from './project-form';
import { ComuneRef } from './project-form-model';
import { ProjectNotice } from './project-notice';
import { ProjectsApiService } from './projects-api.service';

/** What the page can show: the form (new or edit), or why not. */
type PageState =
  | { status: 'loading' }
  | { status: 'ready'; project: ProjectDetail | null; titolare: ComuneRef | null; chooseTitolare: boolean }
  | { status: 'readOnly'; project: ProjectDetail }
  | { status: 'notFound' }
  | { status: 'error' };

/**
 * `/progetti/nuovo` and `/progetti/:id/modifica`: loads what the project form needs (the project,
 * or the titolare of a new one), shows the form, and after a save opens the project's page.
 * A referent creates for their own Comune; the secretariat picks the titolare (`?comune=` preselects it).
 */
@Component({
  selector: 'cp-project-form-page',
  imports: [TranslatePipe, RouterLink, ItSpinnerComponent, ProjectForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './project-form-page.html',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class ProjectFormPage implements CanLeave {
  private readonly api = inject(ProjectsApiService);
  private readonly comuni = inject(ComuniApiService);
  private readonly auth = inject(AuthService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notice = inject(ProjectNotice);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly form = viewChild(ProjectForm);
  private readonly retry$ = new Subject<void>();
  private leaving = false;

  protected readonly projectId = this.route.snapshot.paramMap.get('id');
  protected readonly editing = this.projectId !== null;

  protected readonly state = toSignal(
    this.retry$.pipe(
      startWith(undefined),
      switchMap(() => this.load().pipe(startWith<PageState>({ status: 'loading' }))),
    ),
    { initialValue: { status: 'loading' } as PageState },
  );

  private load(): Observable<PageState> {
    if (this.projectId) {
      return this.api.get(this.projectId).pipe(
        map((project): PageState =>
          canWriteProject(this.auth.user(), project)
            ? { status: 'ready', project, titolare: null, chooseTitolare: false }
            : { status: 'readOnly', project },
        ),
        catchError((error: unknown) => of<PageState>(error instanceof HttpErrorResponse && error.status === 404 ? { status: 'notFound' } : { status: 'error' })),
      );
    }
    const user = this.auth.user();
    if (this.auth.can('projects:write-any')) {
      const comuneId = this.route.snapshot.queryParamMap.get('comune');
      if (!comuneId) return of<PageState>({ status: 'ready', project: null, titolare: null, chooseTitolare: true });
      // Preselect the Comune named in the address; an unknown one leaves the choice open.
      return this.comuni.get(comuneId).pipe(
        map((comune): PageState => ({ status: 'ready', project: null, titolare: { id: comune.id, name: comune.name }, chooseTitolare: true })),
        catchError(() => of<PageState>({ status: 'ready', project: null, titolare: null, chooseTitolare: true })),
      );
    }
    const titolare = user?.comuneId ? { id: user.comuneId, name: user.comuneName ?? '' } : null;
    return of<PageState>({ status: 'ready', project: null, titolare, chooseTitolare: false });
  }

  protected retry(): void {
    this.retry$.next();
  }

  protected onSaved(project: ProjectDetail): void {
    this.leaving = true;
    this.notice.set(project.id, this.editing ? 'updated' : 'created');
    void this.router.navigate(['/progetti', project.id]);
  }

  protected onCancelled(): void {
    const state = this.state();
    if (state.status === 'ready' && state.project) void this.router.navigate(['/progetti', state.project.id]);
    else if (this.auth.can('comuni:update-own')) void this.router.navigate(['/il-mio-comune']);
    else void this.router.navigate(['/comuni']);
  }

  /** Leaving with unsaved changes asks first. */
  canLeave(): boolean {
    if (this.leaving || !this.form()?.isDirty() || !this.auth.signedIn()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('projects.form.leaveConfirm') as string) ?? true;
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.leaving && this.form()?.isDirty()) event.preventDefault();
  }
}
