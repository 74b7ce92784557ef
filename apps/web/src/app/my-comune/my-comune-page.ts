import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ComuneDetail, PROVINCE_NAMES, ProjectSummary } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Observable, Subject, catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { CanLeave } from '../auth/can-leave.guard';
import { LanguageService } from '../i18n/language.service';
import { formatShortDay } from '../projects/project-format';
import { ComuniApiService } from '../comuni/comuni-api.service';
import { ComuneProfileForm } from '../comuni/comune-profile-form';

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; comune: ComuneDetail }
  | { status: 'noComune' }
  | { status: 'error' };

/** Open projects first, then by code: what the referent works on is at the top. */
export function sortProjects(projects: readonly ProjectSummary[]): ProjectSummary[] {
  return [...projects].sort((a, b) => Number(a.status === 'CLOSED') - Number(b.status === 'CLOSED') || a.code.localeCompare(b.code));
}

/**
 * `/il-mio-comune`, the referent's page of their own Comune: its membership of the coordination,
 * its SAI profile (editable) and its projects, with the way to a new one.
 */
@Component({
  selector: 'cp-my-comune-page',
  imports: [TranslatePipe, RouterLink, ItIconComponent, ItSpinnerComponent, ComuneProfileForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-comune-page.html',
  styleUrl: './my-comune-page.scss',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class MyComunePage implements CanLeave {
  private readonly api = inject(ComuniApiService);
  private readonly auth = inject(AuthService);
  private readonly languageService = inject(LanguageService);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly profileForm = viewChild(ComuneProfileForm);
  private readonly retry$ = new Subject<void>();

  protected readonly provinceNames = PROVINCE_NAMES;
  /** The Comune as the last save or reload of the profile answered it. */
  private readonly updated = signal<ComuneDetail | null>(null);
  private readonly saved = signal(false);
  /** "Saved" holds until the next change is typed: then it would describe the form no longer. */
  protected readonly showSaved = computed(() => this.saved() && !this.profileForm()?.dirty());

  private readonly loadState = toSignal(
    this.retry$.pipe(
      startWith(undefined),
      switchMap(() => this.load().pipe(startWith<PageState>({ status: 'loading' }))),
    ),
    { initialValue: { status: 'loading' } as PageState },
  );

  protected readonly state = computed<PageState>(() => {
    const updated = this.updated();
    return updated ? { status: 'loaded', comune: updated } : this.loadState();
  });
  protected readonly projects = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? sortProjects(state.comune.projects) : [];
  });
  protected readonly canCreate = computed(() => this.auth.can('projects:write-own'));

  private load(): Observable<PageState> {
    const comuneId = this.auth.user()?.comuneId;
    if (!comuneId) return of<PageState>({ status: 'noComune' });
    return this.api.get(comuneId).pipe(
      map((comune): PageState => ({ status: 'loaded', comune })),
      catchError(() => of<PageState>({ status: 'error' })),
    );
  }

  protected retry(): void {
    this.retry$.next();
  }

  protected onSaved(comune: ComuneDetail): void {
    this.updated.set(comune);
    this.saved.set(true);
  }

  protected onReloaded(comune: ComuneDetail): void {
    this.updated.set(comune);
    this.saved.set(false);
  }

  protected shortDay(iso: string): string {
    return formatShortDay(iso, this.languageService.locale());
  }

  protected number(value: number): string {
    return new Intl.NumberFormat(this.languageService.locale()).format(value);
  }

  /** Leaving with unsaved changes to the profile asks first. */
  canLeave(): boolean {
    if (!this.profileForm()?.dirty() || !this.auth.signedIn()) return true;
    return this.document.defaultView?.confirm(this.translate.instant('comune.form.leaveConfirm') as string) ?? true;
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.profileForm()?.dirty()) event.preventDefault();
  }
}
