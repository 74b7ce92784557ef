import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { DOCUMENT_ACCEPT, DOCUMENT_LIMITS, MeetingDetail, ProblemDetails, StoredDocument } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subscription, finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { documentFileError, documentIcon, documentRefusalKey, documentTitleError, documentTypeLabel, formatFileSize, uploadPercent } from './document-files';
import { DocumentsApiService } from './documents-api.service';
import { romeDateTime } from './rome-time';

type ListState = { status: 'loading' } | { status: 'loaded'; documents: StoredDocument[] } | { status: 'error'; problem: ProblemDetails | null };

/** What the list announces after a change. */
type Done = { kind: 'uploaded' | 'deleted'; title: string };

/**
 * The meeting's "Documenti": every reader who may see the meeting lists and downloads them (the
 * file is fetched with the session's token, then saved); `meetings:manage` also uploads — the
 * browser checks size and extension first, the API judges the content — and deletes, after a
 * confirmation.
 */
@Component({
  selector: 'cp-documents-panel',
  imports: [TranslatePipe, ItIconComponent, ItSpinnerComponent, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './documents-panel.html',
  styleUrls: ['./meetings.scss', './documents-panel.scss'],
})
export class DocumentsPanel {
  private readonly api = inject(DocumentsApiService);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly meeting = input.required<MeetingDetail>();
  readonly canManage = input(false);

  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly accept = DOCUMENT_ACCEPT;
  protected readonly limits = DOCUMENT_LIMITS;
  protected readonly maxSize = computed(() => formatFileSize(DOCUMENT_LIMITS.maxBytes, this.language.locale()));

  protected readonly state = signal<ListState>({ status: 'loading' });
  protected readonly documents = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.documents : [];
  });
  /** Uploads are refused on a cancelled meeting (409): the form is not offered there. */
  protected readonly canUpload = computed(() => this.canManage() && this.meeting().status !== 'CANCELLED');
  protected readonly full = computed(() => this.documents().length >= DOCUMENT_LIMITS.maxCount);

  protected readonly title = signal('');
  protected readonly file = signal<File | null>(null);
  protected readonly titleError = signal<FieldError | null>(null);
  protected readonly fileError = signal<FieldError | null>(null);
  protected readonly uploading = signal(false);
  protected readonly progress = signal(0);
  protected readonly uploadFailure = signal<string | null>(null);
  protected readonly done = signal<Done | null>(null);

  protected readonly downloading = signal<string | null>(null);
  protected readonly deleting = signal<string | null>(null);
  protected readonly actionFailure = signal<string | null>(null);

  protected readonly titleDescribedBy = computed(() => describedBy('document-title-hint', 'document-title-error', this.titleError() !== null));
  protected readonly fileDescribedBy = computed(() => describedBy('document-file-hint', 'document-file-error', this.fileError() !== null));

  private loading?: Subscription;
  private sending?: Subscription;

  constructor() {
    // Read once per meeting: other changes to it (answers, agenda) leave the documents as they are.
    const meetingId = computed(() => this.meeting().id);
    effect(() => {
      const id = meetingId();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => {
      this.loading?.unsubscribe();
      this.sending?.unsubscribe();
    });
  }

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.language.locale());
  }

  protected typeLabel(document: StoredDocument): string {
    return documentTypeLabel(document);
  }

  protected icon(document: StoredDocument): ReturnType<typeof documentIcon> {
    return documentIcon(document.mediaType);
  }

  protected stamp(iso: string): string {
    return romeDateTime(iso, this.language.locale());
  }

  protected retry(): void {
    this.load(this.meeting().id);
  }

  protected onTitle(event: Event): void {
    this.title.set((event.target as HTMLInputElement).value);
    this.titleError.set(null);
  }

  protected onFile(event: Event): void {
    const chosen = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.file.set(chosen);
    this.uploadFailure.set(null);
    this.done.set(null);
    // Told at once: there is no point in waiting for "Carica" to learn that a file is too big.
    this.fileError.set(chosen ? documentFileError(chosen) : null);
  }

  protected upload(event: Event): void {
    event.preventDefault();
    if (this.uploading()) return;
    const title = this.title().trim();
    const file = this.file();
    const titleError = documentTitleError(title);
    const fileError = this.full() ? { key: 'meetings.documents.errors.full' } : documentFileError(file);
    this.titleError.set(titleError);
    this.fileError.set(fileError);
    this.uploadFailure.set(null);
    this.done.set(null);
    if (titleError) {
      this.focus('#document-title');
      return;
    }
    if (fileError || !file) {
      this.focus('#document-file');
      return;
    }

    const meetingId = this.meeting().id;
    this.uploading.set(true);
    this.progress.set(0);
    this.sending = this.api
      .upload(meetingId, file, title)
      .pipe(finalize(() => this.uploading.set(false)))
      .subscribe({
        next: (httpEvent) => {
          if (httpEvent.type === HttpEventType.UploadProgress) this.progress.set(uploadPercent(httpEvent.loaded, httpEvent.total));
          else if (httpEvent.type === HttpEventType.Response && httpEvent.body) {
            const stored = httpEvent.body;
            this.state.update((state) => (state.status === 'loaded' ? { status: 'loaded', documents: [stored, ...state.documents.filter((d) => d.id !== stored.id)] } : state));
            if (this.state().status !== 'loaded') this.load(meetingId);
            this.title.set('');
            this.file.set(null);
            const input = this.fileInput()?.nativeElement;
            if (input) input.value = '';
            this.done.set({ kind: 'uploaded', title: stored.title });
            this.focus('#documents-done');
          }
        },
        error: (error: unknown) => this.refused(error, file.name),
      });
  }

  /** Stops an upload in progress: nothing is stored. */
  protected stopUpload(): void {
    this.sending?.unsubscribe();
    this.uploading.set(false);
    this.progress.set(0);
    this.focus('#document-file');
  }

  /**
   * Saves the file under its own name. The download needs the session's Authorization header,
   * which a plain link would not send: the file is fetched as a blob, then handed to the browser
   * through a temporary object URL.
   */
  protected download(stored: StoredDocument): void {
    const view = this.document.defaultView;
    if (!view || this.downloading()) return;
    this.downloading.set(stored.id);
    this.actionFailure.set(null);
    this.api
      .content(this.meeting().id, stored.id)
      .pipe(finalize(() => this.downloading.set(null)))
      .subscribe({
        next: (blob) => {
          const url = view.URL.createObjectURL(blob);
          const link = this.document.createElement('a');
          link.href = url;
          link.download = stored.fileName;
          this.document.body.appendChild(link);
          link.click();
          link.remove();
          view.setTimeout(() => view.URL.revokeObjectURL(url), 1000);
        },
        error: (error: unknown) => this.actionFailed(error, 'meetings.documents.downloadFailed'),
      });
  }

  protected remove(stored: StoredDocument): void {
    if (this.deleting()) return;
    const question = this.translate.instant('meetings.documents.deleteConfirm', { title: stored.title }) as string;
    if (!(this.document.defaultView?.confirm(question) ?? false)) return;
    this.deleting.set(stored.id);
    this.actionFailure.set(null);
    this.done.set(null);
    this.api
      .remove(this.meeting().id, stored.id)
      .pipe(finalize(() => this.deleting.set(null)))
      .subscribe({
        next: () => {
          this.forget(stored.id);
          this.done.set({ kind: 'deleted', title: stored.title });
          this.focus('#documents-done');
        },
        error: (error: unknown) => this.actionFailed(error, 'meetings.documents.deleteFailed'),
      });
  }

  private load(meetingId: string): void {
    this.loading?.unsubscribe();
    if (this.state().status !== 'loaded') this.state.set({ status: 'loading' });
    this.loading = this.api.list(meetingId).subscribe({
      next: (documents) => this.state.set({ status: 'loaded', documents }),
      error: (error: unknown) => this.state.set({ status: 'error', problem: problemFrom(error) }),
    });
  }

  private forget(documentId: string): void {
    this.state.update((state) => (state.status === 'loaded' ? { status: 'loaded', documents: state.documents.filter((d) => d.id !== documentId) } : state));
  }

  /** The API's refusal of an upload: 400, 409, 413, 415. */
  private refused(error: unknown, fileName: string): void {
    const problem = problemFrom(error);
    const status = error instanceof HttpErrorResponse ? error.status : (problem?.status ?? 0);
    const titleReason = problem?.errors?.find((e) => e.name === 'title')?.reason;
    if (titleReason) {
      this.titleError.set({ text: titleReason });
      this.focus('#document-title');
      return;
    }
    // Too large or not an accepted type: our words, with the file's name (the API's are English
    // and technical; a proxy may even refuse an oversized body without any). Else the API's reason.
    const ours = documentRefusalKey(status, problem?.type);
    if (ours) this.uploadFailure.set(this.translate.instant(ours, { name: fileName, max: this.maxSize() }) as string);
    else if (problem) this.uploadFailure.set(problem.detail || problem.title);
    else this.uploadFailure.set(this.translate.instant('meetings.error.unreachable') as string);
    this.focus('#document-upload-failure');
  }

  /** A failed download or deletion; a document that is gone is taken off the list. */
  private actionFailed(error: unknown, key: string): void {
    if (error instanceof HttpErrorResponse && error.status === 404) {
      this.actionFailure.set(this.translate.instant('meetings.documents.gone') as string);
      this.load(this.meeting().id);
    } else this.actionFailure.set(this.translate.instant(key) as string);
    this.focus('#documents-failure');
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
