import { Location } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Practice } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { Subscription, finalize } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { saveBlob } from '../exports/export-download';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { RecordLoadState, RecordLoadStatus, RecordLoadTexts, recordLoadError } from '../layout/record-load-status';
import { documentTypeLabel, formatFileSize } from '../meetings/document-files';
import { romeDateTime } from '../meetings/rome-time';
import { PracticeNavigationState, canEditPractice, savedPracticeFrom } from './practice-access';
import { PracticeKindBadge } from './practice-kind-badge';
import { PracticesApiService } from './practices-api.service';

type PageState = RecordLoadState | { status: 'loaded'; practice: Practice };

const LOAD_TEXTS: RecordLoadTexts = {
  loading: 'practices.detail.loading',
  notFoundHeading: 'practices.detail.notFoundHeading',
  notFoundText: 'practices.detail.notFoundText',
  back: 'practices.backToList',
  title: 'practices.detail.pageTitle',
  errorHeading: 'practices.error.heading',
  unreachable: 'practices.error.unreachable',
  retry: 'practices.error.retry',
};

/**
 * `/buone-pratiche/:id`: one practice — kind, who shares it, summary (its line breaks kept),
 * tags, link, attached file (downloaded with the session's token), author and dates. Whoever may
 * edit it (the secretariat, the sharing Comune's referents) also gets edit and delete.
 */
@Component({
  selector: 'cp-practice-page',
  imports: [RouterLink, TranslatePipe, ItIconComponent, RecordLoadStatus, PracticeKindBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './practice-page.html',
  styleUrl: './practices.scss',
})
export class PracticePage {
  private readonly api = inject(PracticesApiService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);

  private readonly confirmBox = viewChild<ElementRef<HTMLElement>>('confirmBox');
  private readonly deleteButton = viewChild<ElementRef<HTMLElement>>('deleteButton');
  private readonly deleteAlert = viewChild<ElementRef<HTMLElement>>('deleteAlert');

  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';
  protected readonly texts = LOAD_TEXTS;
  protected readonly saved = signal(savedPracticeFrom(inject(Location).getState()));
  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly practice = computed(() => {
    const state = this.state();
    return state.status === 'loaded' && 'practice' in state ? state.practice : null;
  });
  protected readonly canEdit = computed(() => {
    const practice = this.practice();
    return practice !== null && canEditPractice(this.auth.user(), practice);
  });
  protected readonly confirming = signal(false);
  protected readonly deleting = signal(false);
  protected readonly deleteError = signal<{ detail: string | null } | null>(null);
  protected readonly downloading = signal(false);
  protected readonly downloadFailed = signal<'gone' | 'failed' | null>(null);

  private loading?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading?.unsubscribe());
    this.load();
  }

  protected stamp(iso: string): string {
    return romeDateTime(iso, this.language.locale());
  }

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.language.locale());
  }

  protected typeLabel(practice: Practice): string {
    return practice.document ? documentTypeLabel(practice.document) : '';
  }

  /** Changed after it was shared (its text, or its file). */
  protected edited(practice: Practice): boolean {
    return Date.parse(practice.updatedAt) !== Date.parse(practice.createdAt);
  }

  protected load(): void {
    this.loading?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.loading = this.api.get(this.id).subscribe({
      next: (practice) => this.state.set({ status: 'loaded', practice }),
      error: (error: unknown) => this.state.set(recordLoadError(error)),
    });
  }

  protected download(): void {
    const practice = this.practice();
    const stored = practice?.document;
    if (!practice || !stored || this.downloading()) return;
    this.downloading.set(true);
    this.downloadFailed.set(null);
    this.api
      .document(practice.id)
      .pipe(finalize(() => this.downloading.set(false)))
      .subscribe({
        next: (blob) => saveBlob(this.document, blob, stored.fileName),
        error: (error: unknown) => {
          this.downloadFailed.set(error instanceof HttpErrorResponse && error.status === 404 ? 'gone' : 'failed');
          this.focus('#download-failure');
        },
      });
  }

  protected askDelete(): void {
    this.confirming.set(true);
    this.deleteError.set(null);
    afterNextRender(() => this.confirmBox()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelDelete(): void {
    this.confirming.set(false);
    this.deleteError.set(null);
    afterNextRender(() => this.deleteButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected confirmDelete(): void {
    const practice = this.practice();
    if (!practice || this.deleting()) return;
    this.deleting.set(true);
    this.deleteError.set(null);
    this.api
      .remove(practice.id)
      .pipe(finalize(() => this.deleting.set(false)))
      .subscribe({
        next: () => {
          const state: PracticeNavigationState = { deletedPractice: practice.title };
          void this.router.navigate(['/buone-pratiche'], { state });
        },
        error: (error: unknown) => {
          this.deleteError.set({ detail: problemFrom(error)?.detail ?? null });
          afterNextRender(() => this.deleteAlert()?.nativeElement.focus(), { injector: this.injector });
        },
      });
  }

  private focus(selector: string): void {
    afterNextRender(() => this.document.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
