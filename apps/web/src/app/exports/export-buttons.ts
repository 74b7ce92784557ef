import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subscription } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { LanguageService } from '../i18n/language.service';
import {
  EXPORT_FORMATS,
  ExportFormat,
  ExportKind,
  ExportParams,
  exportRowsOf,
  fallbackFileName,
  fileNameFromDisposition,
  formatCount,
  formatKilobytes,
  problemOfDownload,
  saveBlob,
} from './export-download';
import { EXPORT_PERMISSIONS, ExportsApiService } from './exports-api.service';

/** Where an export stands. */
export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; format: ExportFormat; rows: number | null; received: number }
  | { status: 'done'; format: ExportFormat; fileName: string; rows: number | null }
  | { status: 'cancelled' }
  | { status: 'failed'; detail: string | null };

/**
 * "Esporta CSV" and "Esporta Excel" for one of the API's exports, with the filters of the screen
 * (`params`). The file streams: the API says up front how many rows it holds, the page shows them
 * and the kilobytes received so far, and the export can be cancelled; at the end the file is
 * saved under the name the API gave. Shown only to the roles that may start this export.
 */
@Component({
  selector: 'cp-export-buttons',
  imports: [TranslatePipe, ItIconComponent, ItSpinnerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (allowed()) {
      <div class="export-buttons" [attr.aria-busy]="running()">
        <div class="d-flex flex-wrap gap-2">
          @for (format of formats; track format) {
            <button
              type="button"
              class="btn btn-outline-primary btn-sm btn-icon export-button"
              [attr.data-format]="format"
              [attr.aria-label]="subject() ? ('exports.' + format + 'Named' | translate: { subject: subject()! | translate }) : null"
              [attr.aria-disabled]="running()"
              (click)="start(format)"
            >
              <it-icon name="download" size="sm" color="primary" />
              <span>{{ 'exports.' + format | translate }}</span>
            </button>
          }
        </div>
        <div class="export-status" role="status">
          @switch (state().status) {
            @case ('running') {
              <div class="export-progress d-flex flex-wrap align-items-center gap-2 mt-2">
                <it-spinner [active]="true" [small]="true" />
                <span class="export-progress-text">{{ progressText() }}</span>
                <button type="button" class="btn btn-link btn-sm export-cancel" (click)="cancel()">{{ 'exports.cancel' | translate }}</button>
              </div>
            }
            @case ('done') {
              <p class="export-done mt-2 mb-0">{{ doneText() }}</p>
            }
            @case ('cancelled') {
              <p class="export-done mt-2 mb-0">{{ 'exports.cancelled' | translate }}</p>
            }
          }
        </div>
        @if (failure(); as failed) {
          <div class="alert alert-danger mt-2 mb-0 export-failure" role="alert">
            <p class="mb-0">{{ failed.detail || ('exports.failed' | translate) }}</p>
          </div>
        }
      </div>
    }
  `,
  styles: `
    .export-progress-text {
      font-variant-numeric: tabular-nums;
    }
    .export-done {
      font-size: 0.875rem;
      color: #17324d;
    }
    .export-failure {
      max-width: 40rem;
      font-size: 0.875rem;
    }
    .export-cancel {
      padding: 0 0.25rem;
    }
  `,
})
export class ExportButtons {
  private readonly api = inject(ExportsApiService);
  private readonly auth = inject(AuthService);
  private readonly language = inject(LanguageService);
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);

  readonly kind = input.required<ExportKind>();
  /** The screen's filters, as the export's query string. */
  readonly params = input<ExportParams>({});
  /** What is exported (a translation key), for the buttons' accessible names when a page has several. */
  readonly subject = input<string | null>(null);

  protected readonly formats = EXPORT_FORMATS;
  protected readonly state = signal<ExportState>({ status: 'idle' });
  protected readonly allowed = computed(() => this.auth.can(EXPORT_PERMISSIONS[this.kind()]));
  protected readonly running = computed(() => this.state().status === 'running');
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'failed' ? state : null;
  });
  protected readonly progressText = computed(() => {
    const state = this.state();
    if (state.status !== 'running') return '';
    const locale = this.language.locale();
    const received = formatKilobytes(state.received, locale);
    if (state.rows === null) return this.translate.instant('exports.progressUnknown', { received }) as string;
    const key = state.rows === 1 ? 'exports.progressOne' : 'exports.progress';
    return this.translate.instant(key, { rows: formatCount(state.rows, locale), received }) as string;
  });
  protected readonly doneText = computed(() => {
    const state = this.state();
    if (state.status !== 'done') return '';
    if (state.rows === null) return this.translate.instant('exports.doneUnknown', { name: state.fileName }) as string;
    const key = state.rows === 1 ? 'exports.doneOne' : 'exports.done';
    return this.translate.instant(key, { name: state.fileName, rows: formatCount(state.rows, this.language.locale()) }) as string;
  });

  private sending?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.sending?.unsubscribe());
  }

  protected start(format: ExportFormat): void {
    if (this.running()) return;
    const kind = this.kind();
    this.state.set({ status: 'running', format, rows: null, received: 0 });
    this.sending = this.api.download(kind, format, this.params()).subscribe({
      next: (event) => {
        switch (event.type) {
          case HttpEventType.ResponseHeader:
            this.update({ rows: exportRowsOf(event.headers) });
            break;
          case HttpEventType.DownloadProgress:
            this.update({ received: event.loaded });
            break;
          case HttpEventType.Response: {
            const blob = event.body;
            if (!blob) {
              this.state.set({ status: 'failed', detail: null });
              return;
            }
            const fileName = fileNameFromDisposition(event.headers.get('Content-Disposition')) ?? fallbackFileName(kind, format);
            const rows = exportRowsOf(event.headers) ?? this.currentRows();
            saveBlob(this.document, blob, fileName);
            this.state.set({ status: 'done', format, fileName, rows });
            break;
          }
        }
      },
      error: (error: unknown) => {
        // Failed at once; the API's reason follows once its blob body is read.
        this.state.set({ status: 'failed', detail: null });
        void problemOfDownload(error).then((problem) => {
          if (problem?.detail) this.state.update((state) => (state.status === 'failed' ? { status: 'failed', detail: problem.detail } : state));
        });
      },
    });
  }

  /** Stops the download: nothing is saved. */
  protected cancel(): void {
    this.sending?.unsubscribe();
    this.state.set({ status: 'cancelled' });
  }

  private currentRows(): number | null {
    const state = this.state();
    return state.status === 'running' ? state.rows : null;
  }

  private update(changes: Partial<{ rows: number | null; received: number }>): void {
    this.state.update((state) => (state.status === 'running' ? { ...state, ...changes } : state));
  }
}
