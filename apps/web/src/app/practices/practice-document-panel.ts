import { HttpErrorResponse, HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { DOCUMENT_ACCEPT, DOCUMENT_LIMITS, Practice } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { Subscription, finalize } from 'rxjs';
import { saveBlob } from '../exports/export-download';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { documentFileError, documentIcon, documentRefusalKey, documentTypeLabel, formatFileSize, uploadPercent } from '../meetings/document-files';
import { PracticesApiService } from './practices-api.service';

/** What the panel announces after a change. */
type Done = 'attached' | 'replaced' | 'removed';

/**
 * The file attached to a practice (one at most), for whoever may edit it: attach or replace it
 * with the progress shown and a way to stop — the browser checks size and extension first, the
 * API judges the content (same rules as meeting documents) —, download it, or remove it. Every
 * change answers the practice anew (a new version), handed to the page.
 */
@Component({
  selector: 'cp-practice-document-panel',
  imports: [TranslatePipe, ItIconComponent, FieldErrorMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel practice-document mt-5" aria-labelledby="practice-document-heading" [attr.aria-busy]="uploading()">
      <h2 id="practice-document-heading" class="h4 mb-2">{{ 'practices.document.heading' | translate }}</h2>
      <p class="upload-note">{{ 'practices.document.intro' | translate: { max: maxSize() } }}</p>

      @if (done(); as what) {
        <div id="practice-document-done" class="alert alert-success" role="status" tabindex="-1">{{ 'practices.document.done.' + what | translate }}</div>
      }
      @if (actionFailure(); as text) {
        <div id="practice-document-failure" class="alert alert-danger" role="alert" tabindex="-1">{{ text }}</div>
      }

      @if (practice().document; as d) {
        <div class="attached-file d-flex flex-wrap align-items-center gap-3 mb-4">
          <it-icon [name]="icon(d.mediaType)" color="primary" />
          <div class="flex-grow-1 attached-body">
            <p class="mb-0 fw-semibold attached-name">{{ d.fileName }}</p>
            <p class="mb-0 small upload-note">{{ typeLabel() }} · {{ size(d.sizeBytes) }}</p>
          </div>
          <div class="d-flex flex-wrap gap-2">
            <button type="button" class="btn btn-outline-primary btn-sm btn-icon" [attr.aria-disabled]="busy()" (click)="download()">
              <it-icon name="download" size="sm" color="primary" />
              <span>{{ 'practices.document.download' | translate }}</span>
            </button>
            <button type="button" class="btn btn-outline-danger btn-sm btn-icon" [attr.aria-disabled]="busy()" (click)="remove()">
              <it-icon name="delete" size="sm" color="danger" />
              <span>{{ (removing() ? 'practices.document.removing' : 'practices.document.remove') | translate }}</span>
            </button>
          </div>
        </div>
      } @else {
        <p class="empty-text">{{ 'practices.document.none' | translate }}</p>
      }

      <form class="upload-form" novalidate (submit)="upload($event)">
        <div class="file-field mb-3">
          <label for="practice-file" class="file-label">{{ (practice().document ? 'practices.document.replaceLabel' : 'practices.document.fileLabel') | translate }}</label>
          <input
            #fileInput
            id="practice-file"
            type="file"
            class="form-control file-input"
            [accept]="accept"
            [class.is-invalid]="fileError()"
            [attr.aria-invalid]="fileError() ? true : null"
            [attr.aria-describedby]="fileDescribedBy()"
            (change)="onFile($event)"
          />
          <small id="practice-file-hint" class="form-text d-block">{{ 'meetings.documents.fileHint' | translate: { max: maxSize() } }}</small>
          <cp-field-error errorId="practice-file-error" [error]="fileError()" [params]="{ max: maxSize() }" />
        </div>

        @if (uploading()) {
          <div class="upload-progress mb-3">
            <div class="progress" role="progressbar" [attr.aria-label]="'practices.document.progressLabel' | translate" aria-valuemin="0" aria-valuemax="100" [attr.aria-valuenow]="progress()">
              <div class="progress-bar" [style.width.%]="progress()"></div>
            </div>
            <p class="upload-note mb-0 mt-1" aria-hidden="true">{{ 'meetings.documents.progress' | translate: { percent: progress() } }}</p>
          </div>
        }

        @if (uploadFailure(); as failed) {
          <div id="practice-upload-failure" class="alert alert-danger" role="alert" tabindex="-1">
            <h3 class="h6 alert-heading">{{ 'practices.document.refusedHeading' | translate }}</h3>
            <p class="mb-0">{{ failed }}</p>
          </div>
        }

        <div class="d-flex flex-wrap gap-3">
          <button type="submit" class="btn btn-primary btn-icon" [attr.aria-disabled]="busy()">
            <it-icon name="upload" size="sm" color="white" />
            <span>{{ (uploading() ? 'practices.document.uploading' : practice().document ? 'practices.document.replace' : 'practices.document.attach') | translate }}</span>
          </button>
          @if (uploading()) {
            <button type="button" class="btn btn-outline-primary" (click)="stopUpload()">{{ 'meetings.documents.stopUpload' | translate }}</button>
          }
        </div>
      </form>
    </section>
  `,
  styles: `
    .panel {
      max-width: 56rem;
      padding: 1.5rem;
      border: 1px solid #c5c7c9;
      border-radius: 4px;
    }
    .alert:focus {
      outline: 2px solid #0066cc;
      outline-offset: 2px;
    }
    .upload-note,
    .empty-text {
      color: #5d7083;
      font-size: 0.875rem;
    }
    .attached-file {
      padding: 0.75rem 0;
      border-top: 1px solid #d9dadb;
      border-bottom: 1px solid #d9dadb;
    }
    .attached-body {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .file-label {
      display: block;
      font-weight: 600;
      color: #17324d;
      margin-bottom: 0.5rem;
    }
    .file-input {
      height: auto;
      padding: 0.5rem;
      border: 1px solid #5d7083;
      border-radius: 4px;
    }
    .upload-progress .progress {
      height: 0.75rem;
    }
  `,
})
export class PracticeDocumentPanel {
  private readonly api = inject(PracticesApiService);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly practice = input.required<Practice>();
  /** The practice as the API answered a change of its file. */
  readonly changed = output<Practice>();

  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly accept = DOCUMENT_ACCEPT;
  protected readonly maxSize = computed(() => formatFileSize(DOCUMENT_LIMITS.maxBytes, this.language.locale()));
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<FieldError | null>(null);
  protected readonly uploading = signal(false);
  protected readonly progress = signal(0);
  protected readonly uploadFailure = signal<string | null>(null);
  protected readonly removing = signal(false);
  protected readonly downloading = signal(false);
  protected readonly actionFailure = signal<string | null>(null);
  protected readonly done = signal<Done | null>(null);
  protected readonly busy = computed(() => this.uploading() || this.removing() || this.downloading());
  protected readonly fileDescribedBy = computed(() => describedBy('practice-file-hint', 'practice-file-error', this.fileError() !== null));
  protected readonly typeLabel = computed(() => {
    const stored = this.practice().document;
    return stored ? documentTypeLabel(stored) : '';
  });

  private sending?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.sending?.unsubscribe());
  }

  protected size(bytes: number): string {
    return formatFileSize(bytes, this.language.locale());
  }

  protected icon(mediaType: string): ReturnType<typeof documentIcon> {
    return documentIcon(mediaType);
  }

  protected onFile(event: Event): void {
    const chosen = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.file.set(chosen);
    this.uploadFailure.set(null);
    this.done.set(null);
    this.fileError.set(chosen ? documentFileError(chosen) : null);
  }

  protected upload(event: Event): void {
    event.preventDefault();
    if (this.busy()) return;
    const file = this.file();
    const fileError = documentFileError(file);
    this.fileError.set(fileError);
    this.uploadFailure.set(null);
    this.actionFailure.set(null);
    this.done.set(null);
    if (fileError || !file) {
      this.focus('#practice-file');
      return;
    }
    const replacing = this.practice().document !== null;
    this.uploading.set(true);
    this.progress.set(0);
    this.sending = this.api
      .attach(this.practice().id, file)
      .pipe(finalize(() => this.uploading.set(false)))
      .subscribe({
        next: (httpEvent) => {
          if (httpEvent.type === HttpEventType.UploadProgress) this.progress.set(uploadPercent(httpEvent.loaded, httpEvent.total));
          else if (httpEvent.type === HttpEventType.Response && httpEvent.body) {
            this.changed.emit(httpEvent.body);
            this.file.set(null);
            const input = this.fileInput()?.nativeElement;
            if (input) input.value = '';
            this.done.set(replacing ? 'replaced' : 'attached');
            this.focus('#practice-document-done');
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
    this.focus('#practice-file');
  }

  protected download(): void {
    const stored = this.practice().document;
    if (!stored || this.busy()) return;
    this.downloading.set(true);
    this.actionFailure.set(null);
    this.api
      .document(this.practice().id)
      .pipe(finalize(() => this.downloading.set(false)))
      .subscribe({
        next: (blob) => saveBlob(this.document, blob, stored.fileName),
        error: () => this.failed('practices.document.downloadFailed'),
      });
  }

  protected remove(): void {
    const stored = this.practice().document;
    if (!stored || this.busy()) return;
    const question = this.translate.instant('practices.document.removeConfirm', { name: stored.fileName }) as string;
    if (!(this.document.defaultView?.confirm(question) ?? false)) return;
    this.removing.set(true);
    this.actionFailure.set(null);
    this.done.set(null);
    this.api
      .detach(this.practice().id)
      .pipe(finalize(() => this.removing.set(false)))
      .subscribe({
        next: (practice) => {
          this.changed.emit(practice);
          this.done.set('removed');
          this.focus('#practice-document-done');
        },
        error: (error: unknown) => {
          const problem = problemFrom(error);
          if (problem?.detail) {
            this.actionFailure.set(problem.detail);
            this.focus('#practice-document-failure');
          } else this.failed('practices.document.removeFailed');
        },
      });
  }

  /** The API's refusal of a file: too large or not accepted in our words, else its reason. */
  private refused(error: unknown, fileName: string): void {
    const problem = problemFrom(error);
    const status = error instanceof HttpErrorResponse ? error.status : (problem?.status ?? 0);
    const ours = documentRefusalKey(status, problem?.type);
    if (ours) this.uploadFailure.set(this.translate.instant(ours, { name: fileName, max: this.maxSize() }) as string);
    else if (problem) this.uploadFailure.set(problem.detail || problem.title);
    else this.uploadFailure.set(this.translate.instant('practices.error.unreachable') as string);
    this.focus('#practice-upload-failure');
  }

  private failed(key: string): void {
    this.actionFailure.set(this.translate.instant(key) as string);
    this.focus('#practice-document-failure');
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
