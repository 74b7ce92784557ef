import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Location } from '@angular/common';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { EnteGestore, Page, ProjectSummary } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, distinctUntilChanged, finalize, map, of, startWith, switchMap } from 'rxjs';
import { IfAllowed } from '../auth/permissions';
import { Breadcrumb } from '../comuni/breadcrumb';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { RecordLoadError, RecordLoadStatus, recordLoadError } from '../layout/record-load-status';
import { ENTE_LOAD_TEXTS, EnteSavedState } from './ente-gestore-form-page';
import { EntiGestoriApiService } from './enti-gestori-api.service';

type DetailState =
  | { status: 'loading' }
  | { status: 'loaded'; ente: EnteGestore }
  | RecordLoadError;

type ProjectsState =
  | { status: 'loading' }
  | { status: 'loaded'; page: Page<ProjectSummary> }
  | { status: 'error' };

/** What the review of a proposal came to, shown under its button. */
type ReviewOutcome = { kind: 'done' } | { kind: 'stale' } | { kind: 'failed'; detail: string | null };

/** How many of an ente's projects the page lists. */
export const ENTE_PROJECTS_SHOWN = 50;

function isSavedState(value: unknown): value is EnteSavedState {
  return typeof value === 'object' && value !== null && 'enteSaved' in value;
}

/**
 * One ente gestore of the register: identity, seat, contacts, and the projects it runs. The
 * secretariat (and admins) edit it from here and mark a referent's proposal as reviewed.
 */
@Component({
  selector: 'cp-ente-gestore-page',
  imports: [RouterLink, TranslatePipe, ItSpinnerComponent, RecordLoadStatus, IfAllowed, Breadcrumb],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ente-gestore-page.html',
  styleUrl: './ente-gestore-page.scss',
})
export class EnteGestorePage {
  private readonly api = inject(EntiGestoriApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly title = inject(Title);
  private readonly translate = inject(TranslateService);
  private readonly languageService = inject(LanguageService);
  private readonly injector = inject(Injector);

  private readonly notice = viewChild<ElementRef<HTMLElement>>('notice');
  private readonly reviewAlert = viewChild<ElementRef<HTMLElement>>('reviewAlert');

  private readonly retry$ = new Subject<void>();
  private readonly projectsOf$ = new Subject<string>();
  protected readonly loadTexts = ENTE_LOAD_TEXTS;
  protected readonly state = signal<DetailState>({ status: 'loading' });
  protected readonly projects = signal<ProjectsState>({ status: 'loading' });
  /** "Created" or "saved", when the form sent the user here. */
  protected readonly savedNotice = signal<EnteSavedState['enteSaved'] | null>(null);
  protected readonly reviewing = signal(false);
  protected readonly review = signal<ReviewOutcome | null>(null);

  protected readonly ente = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.ente : null;
  });

  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.languageService.locale(), { useGrouping: true }));
  private readonly dateFormat = computed(
    () => new Intl.DateTimeFormat(this.languageService.locale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  );

  constructor() {
    const navigationState: unknown = inject(Location).getState();
    if (isSavedState(navigationState)) this.savedNotice.set(navigationState.enteSaved);

    const id$ = this.route.paramMap.pipe(
      map((params) => params.get('id') ?? ''),
      distinctUntilChanged(),
    );
    combineLatest([id$, this.retry$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) =>
          this.api.get(id).pipe(
            map((ente): DetailState => ({ status: 'loaded', ente })),
            catchError((error: unknown) => of<DetailState>(recordLoadError(error))),
            startWith<DetailState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'loaded') {
          this.projectsOf$.next(state.ente.id);
          if (this.savedNotice()) afterNextRender(() => this.notice()?.nativeElement.focus(), { injector: this.injector });
        }
      });

    this.projectsOf$
      .pipe(
        switchMap((id) =>
          this.api.projectsOf(id, { pageSize: ENTE_PROJECTS_SHOWN }).pipe(
            map((page): ProjectsState => ({ status: 'loaded', page })),
            catchError(() => of<ProjectsState>({ status: 'error' })),
            startWith<ProjectsState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.projects.set(state));

    effect(() => {
      const name = this.ente()?.name;
      this.languageService.language();
      if (name) this.title.setTitle(`${name} — ${this.translate.instant('app.siteName') as string}`);
    });
  }

  protected retry(): void {
    this.retry$.next();
  }

  /** Marks a referent's proposal as reviewed: the register then lists it as any other. */
  protected markReviewed(): void {
    const ente = this.ente();
    if (!ente || this.reviewing()) return;
    this.reviewing.set(true);
    this.review.set(null);
    this.savedNotice.set(null);
    this.api
      .update(ente.id, { version: ente.version, proposed: false })
      .pipe(finalize(() => this.reviewing.set(false)))
      .subscribe({
        next: (updated) => {
          this.state.set({ status: 'loaded', ente: updated });
          this.review.set({ kind: 'done' });
          this.focusReview();
        },
        error: (error: unknown) => {
          const status = error instanceof HttpErrorResponse ? error.status : null;
          this.review.set(status === 409 ? { kind: 'stale' } : { kind: 'failed', detail: problemFrom(error)?.detail ?? null });
          this.focusReview();
        },
      });
  }

  /** After a stale review: read the ente again (someone else may have reviewed or changed it). */
  protected reloadAfterStale(): void {
    this.review.set(null);
    this.retry$.next();
  }

  protected formatNumber(value: number): string {
    return this.numberFormat().format(value);
  }

  protected formatDate(value: string): string {
    return this.dateFormat().format(new Date(`${value}T00:00:00Z`));
  }

  /** A web address shown without its scheme, as people read them. */
  protected websiteLabel(url: string): string {
    return url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  }

  private focusReview(): void {
    afterNextRender(() => this.reviewAlert()?.nativeElement.focus(), { injector: this.injector });
  }
}
