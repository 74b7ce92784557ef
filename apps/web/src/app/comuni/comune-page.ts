import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { ComuneDetail, PROJECT_CATEGORIES, PROVINCE_NAMES } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Subject, catchError, combineLatest, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { ExportButtons } from '../exports/export-buttons';
import { CanLeave } from '../auth/can-leave.guard';
import { LanguageService } from '../i18n/language.service';
import { RecordLoadError, RecordLoadStatus, RecordLoadTexts, recordLoadError } from '../layout/record-load-status';
import { ComuniApiService } from './comuni-api.service';
import { ComuneProfileForm } from './comune-profile-form';
import { canSeeNotes } from './comune-profile';
import { Breadcrumb } from './breadcrumb';
import { MembershipBadge } from './membership-badge';

type DetailState =
  | { status: 'loading' }
  | { status: 'loaded'; comune: ComuneDetail }
  | RecordLoadError;

const LOAD_TEXTS: RecordLoadTexts = {
  loading: 'comune.loading',
  notFoundHeading: 'comune.notFound.heading',
  notFoundText: 'comune.notFound.text',
  back: 'comune.backToDirectory',
  title: 'comune.pageTitle',
  errorHeading: 'comune.error.heading',
  unreachable: 'comune.error.unreachable',
  retry: 'comune.error.retry',
};

/** The profile's fields as the page lists them, in order (translation keys under `comune.profile`). */
const PROFILE_ROWS = ['saiOffice', 'email', 'pec', 'phone', 'coordinationReferent'] as const;

/** A date of the API (YYYY-MM-DD) as a calendar date, whatever the browser's time zone. */
function calendarDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/**
 * The page of one Comune of the network (`GET /api/v1/comuni/:id`): ISTAT data, membership,
 * SAI profile, projects, enti gestori and working groups. Those who may (the Comune's referents,
 * the secretariat, admins: `editable`) edit the profile here; who may write projects for it gets
 * the way to a new one.
 */
@Component({
  selector: 'cp-comune-page',
  imports: [RouterLink, TranslatePipe, RecordLoadStatus, Breadcrumb, MembershipBadge, ComuneProfileForm, ExportButtons],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './comune-page.html',
  styleUrl: './comune-page.scss',
})
export class ComunePage implements CanLeave {
  private readonly api = inject(ComuniApiService);
  private readonly route = inject(ActivatedRoute);
  private readonly auth = inject(AuthService);
  private readonly title = inject(Title);
  private readonly translate = inject(TranslateService);
  private readonly languageService = inject(LanguageService);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  private readonly profileForm = viewChild(ComuneProfileForm);
  private readonly savedNotice = viewChild<ElementRef<HTMLElement>>('savedNotice');
  private readonly editButton = viewChild<ElementRef<HTMLElement>>('editButton');

  protected readonly categories = PROJECT_CATEGORIES;
  protected readonly provinceNames = PROVINCE_NAMES;
  protected readonly profileRows = PROFILE_ROWS;
  protected readonly loadTexts = LOAD_TEXTS;

  private readonly retry$ = new Subject<void>();
  protected readonly state = signal<DetailState>({ status: 'loading' });
  protected readonly editing = signal(false);
  protected readonly saved = signal(false);

  protected readonly comune = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.comune : null;
  });
  protected readonly showNotes = computed(() => {
    const comune = this.comune();
    return comune !== null && canSeeNotes(comune.profile);
  });
  protected readonly profileEmpty = computed(() => {
    const profile = this.comune()?.profile;
    return !profile || (PROFILE_ROWS.every((field) => !profile[field]) && !profile.notes);
  });
  /** The secretariat writes projects for any Comune; a referent for their own. */
  protected readonly canCreateProject = computed(() => {
    const comune = this.comune();
    const user = this.auth.user();
    if (!comune || !user) return false;
    return this.auth.can('projects:write-any') || (this.auth.can('projects:write-own') && user.comuneId === comune.id);
  });

  /**
   * Membership and working-group records of this Comune open for the network roles and for its own
   * referents; for others the API would answer 404, so no link is offered.
   */
  protected readonly canOpenRecords = computed(() => {
    const comune = this.comune();
    const user = this.auth.user();
    if (!comune || !user) return false;
    return this.auth.can('network:read-private') || user.comuneId === comune.id;
  });

  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.languageService.locale(), { useGrouping: true }));
  private readonly dateFormat = computed(
    () => new Intl.DateTimeFormat(this.languageService.locale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  );
  private readonly dateTimeFormat = computed(
    () => new Intl.DateTimeFormat(this.languageService.locale(), { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Rome' }),
  );

  constructor() {
    const id$ = this.route.paramMap.pipe(
      map((params) => params.get('id') ?? ''),
      distinctUntilChanged(),
    );
    combineLatest([id$, this.retry$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) =>
          this.api.get(id).pipe(
            map((comune): DetailState => ({ status: 'loaded', comune })),
            catchError((error: unknown) => of<DetailState>(recordLoadError(error))),
            startWith<DetailState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        if (state.status === 'loading') {
          this.editing.set(false);
          this.saved.set(false);
        }
        this.state.set(state);
      });

    // The document title names the Comune, so that tabs and history tell the pages apart.
    effect(() => {
      const name = this.comune()?.name;
      this.languageService.language();
      if (name) this.title.setTitle(`${name} — ${this.translate.instant('app.siteName') as string}`);
    });
  }

  /** Leaving with unsaved profile changes asks first. */
  canLeave(): boolean {
    if (!this.editing() || !this.profileForm()?.dirty()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('comune.form.leaveConfirm') as string) ?? true;
  }

  protected retry(): void {
    this.retry$.next();
  }

  protected startEdit(): void {
    this.saved.set(false);
    this.editing.set(true);
  }

  protected closeEditor(): void {
    this.editing.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected onSaved(comune: ComuneDetail): void {
    this.state.set({ status: 'loaded', comune });
    this.editing.set(false);
    this.saved.set(true);
    afterNextRender(() => this.savedNotice()?.nativeElement.focus(), { injector: this.injector });
  }

  protected onReloaded(comune: ComuneDetail): void {
    this.state.set({ status: 'loaded', comune });
  }

  protected formatNumber(value: number): string {
    return this.numberFormat().format(value);
  }

  protected formatDate(value: string): string {
    return this.dateFormat().format(calendarDate(value));
  }

  protected formatDateTime(value: string): string {
    return this.dateTimeFormat().format(new Date(value));
  }
}
