import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ProblemDetails } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { ItSpinnerComponent } from 'design-angular-kit';
import { problemFrom } from '../http/problem-details';

/** Why a page could not read its record. */
export interface RecordLoadError {
  status: 'error';
  problem: ProblemDetails | null;
  /** The record does not exist (or is not the reader's to see): no retry, the way back instead. */
  notFound: boolean;
}

/**
 * Where a page that shows one record stands: reading it, failed, or done (`loaded`/`ready`, the
 * page's own content; this component then shows nothing). A page's state type adds its record to
 * the done case, which still fits here.
 */
export type RecordLoadState = { status: 'loading' } | RecordLoadError | { status: 'loaded' | 'ready' };

/** The failure of reading a record by id, as the pages show it. */
export function recordLoadError(error: unknown): RecordLoadError {
  const problem = problemFrom(error);
  // 404 for an unknown id; 400 for one that is not even a UUID: both "no such record".
  return { status: 'error', problem, notFound: problem?.status === 404 || problem?.status === 400 };
}

/** The translation keys of a page's loading, not-found and error states. */
export interface RecordLoadTexts {
  loading: string;
  notFoundHeading: string;
  notFoundText: string;
  /** The link back to the list the record belongs to. */
  back: string;
  /** The page's heading when the record could not be read (normally the record names it). */
  title: string;
  errorHeading: string;
  unreachable: string;
  retry: string;
}

/**
 * The loading, not-found and error states of a page that reads one record (a Comune, an ente
 * gestore…), alike on every such page: a spinner announced as a status; "not found" with the
 * way back to the list; other failures with the API's problem (or a generic text) and a retry.
 */
@Component({
  selector: 'cp-record-load-status',
  imports: [RouterLink, TranslatePipe, ItSpinnerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // A long problem text stays readable on wide screens, as the pages' own alerts do.
  styles: '.alert { max-width: 56rem; }',
  template: `
    @if (state(); as current) {
      @if (current.status === 'loading') {
        <div class="d-flex align-items-center gap-3 my-4" role="status">
          <it-spinner [active]="true" [small]="true" />
          <span>{{ texts().loading | translate }}</span>
        </div>
      } @else if (current.status === 'error') {
        @if (current.notFound) {
          <h1>{{ texts().notFoundHeading | translate }}</h1>
          <p class="lead">{{ texts().notFoundText | translate }}</p>
          <a [routerLink]="backLink()" class="btn btn-primary">{{ texts().back | translate }}</a>
        } @else {
          <h1>{{ texts().title | translate }}</h1>
          <div class="alert alert-danger" role="alert">
            <h2 class="h5 alert-heading">{{ current.problem?.title || (texts().errorHeading | translate) }}</h2>
            <p class="mb-2">{{ current.problem?.detail || (texts().unreachable | translate) }}</p>
            <button type="button" class="btn btn-outline-danger btn-sm" (click)="retry.emit()">{{ texts().retry | translate }}</button>
          </div>
        }
      }
    }
  `,
})
export class RecordLoadStatus {
  readonly state = input.required<RecordLoadState>();
  readonly texts = input.required<RecordLoadTexts>();
  readonly backLink = input.required<string>();
  readonly retry = output<void>();
}
