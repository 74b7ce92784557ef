import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { PROVINCE_NAMES, ProjectDetail, SAI_SERVICES } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, map, of, scan, startWith, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { LanguageService } from '../i18n/language.service';
import { canWriteProject } from './project-access';
import { ProjectCloseForm } from './project-close-form';
import { formatDay, formatShortDay } from './project-format';
import { ProjectNotice, ProjectNoticeKind } from './project-notice';
import { ProjectsApiService } from './projects-api.service';

type DetailState =
  | { status: 'loading' }
  | { status: 'loaded'; project: ProjectDetail }
  | { status: 'notFound' }
  | { status: 'error' };

/** What the page announces at its top: a save of the form, or the closure done here. */
type Notice = ProjectNoticeKind | 'closed';

/**
 * `/progetti/:id`: a SAI project with everything its readers may see (404 for the others), and,
 * for who may write it, the way to the form and the closure (with its reason).
 */
@Component({
  selector: 'cp-project-detail-page',
  imports: [TranslatePipe, RouterLink, ItSpinnerComponent, ProjectCloseForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './project-detail-page.html',
  styleUrl: './project-detail-page.scss',
})
export class ProjectDetailPage {
  private readonly api = inject(ProjectsApiService);
  private readonly auth = inject(AuthService);
  private readonly languageService = inject(LanguageService);
  private readonly notices = inject(ProjectNotice);
  private readonly injector = inject(Injector);
  private readonly noticeAlert = viewChild<ElementRef<HTMLElement>>('noticeAlert');
  private readonly closeButton = viewChild<ElementRef<HTMLElement>>('closeButton');

  private readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('id') ?? '')), { initialValue: '' });
  private readonly reload$ = new Subject<void>();
  /** A project the page got from a write (the closure): shown without asking again. */
  private readonly written = signal<ProjectDetail | null>(null);

  private readonly loadState = toSignal(
    toObservable(this.id).pipe(
      switchMap((id) =>
        this.reload$.pipe(
          startWith(undefined),
          switchMap(() =>
            this.api.get(id).pipe(
              map((project): DetailState => ({ status: 'loaded', project })),
              catchError((error: unknown) =>
                of<DetailState>(error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400) ? { status: 'notFound' } : { status: 'error' }),
              ),
              startWith<DetailState>({ status: 'loading' }),
            ),
          ),
          // A reload of the same project keeps it on screen (and the closure form open) meanwhile.
          scan((previous: DetailState, next: DetailState): DetailState => (next.status === 'loading' && previous.status === 'loaded' ? previous : next)),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as DetailState },
  );

  protected readonly state = computed<DetailState>(() => {
    const written = this.written();
    const loaded = this.loadState();
    if (written && !(loaded.status === 'loaded' && loaded.project.version > written.version)) return { status: 'loaded', project: written };
    return loaded;
  });
  protected readonly project = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.project : null;
  });
  protected readonly writable = computed(() => {
    const project = this.project();
    return project !== null && canWriteProject(this.auth.user(), project);
  });
  protected readonly closing = signal(false);
  protected readonly notice = signal<Notice | null>(null);
  protected readonly provinceNames = PROVINCE_NAMES;
  /** Services in the guidelines' order. */
  protected readonly services = computed(() => {
    const project = this.project();
    return project ? SAI_SERVICES.filter((s) => project.services.includes(s)) : [];
  });

  constructor() {
    const kind = this.notices.take(this.id());
    if (kind) {
      this.notice.set(kind);
      this.focusAfterRender(() => this.noticeAlert());
    }
  }

  protected day(iso: string): string {
    return formatDay(iso, this.languageService.locale());
  }

  protected shortDay(iso: string): string {
    return formatShortDay(iso, this.languageService.locale());
  }

  protected dateTime(iso: string): string {
    return new Intl.DateTimeFormat(this.languageService.locale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  }

  protected number(value: number): string {
    return new Intl.NumberFormat(this.languageService.locale()).format(value);
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected startClosing(): void {
    this.notice.set(null);
    this.closing.set(true);
  }

  protected stopClosing(): void {
    this.closing.set(false);
    this.focusAfterRender(() => this.closeButton());
  }

  protected onClosed(project: ProjectDetail): void {
    this.written.set(project);
    this.closing.set(false);
    this.notice.set('closed');
    this.focusAfterRender(() => this.noticeAlert());
  }

  /** After a 409 of the closure: the latest version, to confirm again on. */
  protected reloadProject(): void {
    this.written.set(null);
    this.reload$.next();
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }
}
