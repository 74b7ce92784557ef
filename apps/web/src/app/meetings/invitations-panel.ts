import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, Injector, afterNextRender, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { EDITABLE_MEETING_STATUSES, INVITATION_TARGETS, Invitation, InvitationCounts, InvitationTarget, InviteRequest, MeetingDetail, Page, ProblemDetails, WorkingGroup } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent, ItSpinnerComponent } from 'design-angular-kit';
import { Subject, catchError, combineLatest, finalize, map, of, startWith, switchMap } from 'rxjs';
import { ComuneChoice, ComuneChooser } from '../admin/users/comune-chooser';
import { AuthService } from '../auth/auth.service';
import { fileNameFromDisposition, problemOfDownload, saveBlob } from '../exports/export-download';
import { FieldErrorMessage } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { problemFrom } from '../http/problem-details';
import { LanguageService } from '../i18n/language.service';
import { Pager } from '../layout/pager';
import { WorkingGroupsApiService } from '../working-groups/working-groups-api.service';
import { InvitationStatusBadge } from './meeting-badges';
import { meetingWriteFailure } from './meeting-problems';
import { MeetingsApiService } from './meetings-api.service';
import { romeDateTime } from './rome-time';

export const INVITATIONS_PAGE_SIZE = 20;

type TableState =
  | { status: 'loading'; result: Page<Invitation> | null }
  | { status: 'loaded'; result: Page<Invitation> }
  | { status: 'error'; problem: ProblemDetails | null; result: null };

/** The counts shown, in the order the overview lists them. */
export const COUNT_KEYS = ['invited', 'pending', 'attending', 'waiting', 'declined'] as const;

/** The request for the chosen target, or the field that is missing. */
export function inviteRequestOf(target: InvitationTarget, workingGroupId: string, comuni: readonly ComuneChoice[]): InviteRequest | 'workingGroup' | 'comuni' {
  if (target === 'WORKING_GROUP') return workingGroupId ? { target, workingGroupId } : 'workingGroup';
  if (target === 'COMUNI') return comuni.length ? { target, comuneIds: comuni.map((c) => c.id) } : 'comuni';
  return { target };
}

/**
 * The meeting's invitations for the network roles: the answers so far (counts) and the table of
 * invited Comuni with their answers, page by page. With `meetings:manage`, while the meeting is a
 * draft or convened, the form to invite more: every active member, a working group, or chosen
 * Comuni — inviting again adds only those not invited yet.
 */
@Component({
  selector: 'cp-invitations-panel',
  imports: [TranslatePipe, ItIconComponent, ItSpinnerComponent, Pager, ComuneChooser, FieldErrorMessage, InvitationStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invitations-panel.html',
  styleUrls: ['./meetings.scss', './invitations-panel.scss'],
})
export class InvitationsPanel {
  private readonly api = inject(MeetingsApiService);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);
  private readonly auth = inject(AuthService);

  readonly meeting = input.required<MeetingDetail>();
  readonly canManage = input(false);
  /** Invitations were added: the page reads the meeting's counts again. */
  readonly invited = output<void>();

  private readonly chooser = viewChild(ComuneChooser);

  protected readonly targets = INVITATION_TARGETS;
  protected readonly countKeys = COUNT_KEYS;
  protected readonly target = signal<InvitationTarget>('ACTIVE_MEMBERS');
  protected readonly workingGroupId = signal('');
  protected readonly comuni = signal<readonly ComuneChoice[]>([]);
  protected readonly inviting = signal(false);
  protected readonly inviteError = signal<{ field: 'workingGroup' | 'comuni'; error: FieldError } | null>(null);
  protected readonly inviteFailure = signal<string | null>(null);
  protected readonly inviteResult = signal<{ added: number; alreadyInvited: number } | null>(null);
  protected readonly latestCounts = signal<{ version: number; counts: InvitationCounts } | null>(null);
  protected readonly page = signal(1);
  private readonly refresh$ = new Subject<void>();

  protected readonly editable = computed(() => EDITABLE_MEETING_STATUSES.includes(this.meeting().status));
  /** The list as CSV, for the roles that read every meeting. */
  protected readonly canExport = computed(() => this.auth.can('meetings:read-all'));
  protected readonly exporting = signal(false);
  protected readonly exportFailure = signal<string | null>(null);
  /** The counts as the last invite answered them, until the page reads the meeting again. */
  protected readonly counts = computed(() => {
    const latest = this.latestCounts();
    const meeting = this.meeting();
    return latest && latest.version === meeting.version ? latest.counts : meeting.invitationCounts;
  });

  protected readonly groups = toSignal(
    inject(WorkingGroupsApiService)
      .list({ page: 1, pageSize: 100 })
      .pipe(
        map((page): WorkingGroup[] | null => page.items),
        catchError(() => of(null)),
      ),
    { initialValue: [] as WorkingGroup[] | null },
  );

  protected readonly table = toSignal(
    combineLatest([toObservable(this.page), toObservable(computed(() => `${this.meeting().id}@${this.meeting().version}`)), this.refresh$.pipe(startWith(undefined))]).pipe(
      switchMap(([page]) =>
        this.api.invitations(this.meeting().id, page, INVITATIONS_PAGE_SIZE).pipe(
          map((result): TableState => ({ status: 'loaded', result })),
          catchError((error: unknown) => of<TableState>({ status: 'error', problem: problemFrom(error), result: null })),
          startWith<TableState>({ status: 'loading', result: null }),
        ),
      ),
    ),
    { initialValue: { status: 'loading', result: null } as TableState },
  );

  protected readonly pageCount = computed(() => {
    const result = this.table().result;
    return result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  });

  protected stamp(iso: string): string {
    return romeDateTime(iso, this.language.locale());
  }

  protected onTarget(target: InvitationTarget): void {
    this.target.set(target);
    this.inviteError.set(null);
  }

  protected onGroup(event: Event): void {
    this.workingGroupId.set((event.target as HTMLSelectElement).value);
    this.inviteError.set(null);
  }

  protected addComune(choice: ComuneChoice | null): void {
    if (!choice) return;
    if (!this.comuni().some((c) => c.id === choice.id)) this.comuni.update((list) => [...list, choice]);
    this.chooser()?.value.set(null);
    this.inviteError.set(null);
  }

  protected removeComune(id: string): void {
    this.comuni.update((list) => list.filter((c) => c.id !== id));
    this.focus('#invite-comuni');
  }

  protected invite(event: Event): void {
    event.preventDefault();
    if (this.inviting()) return;
    const request = inviteRequestOf(this.target(), this.workingGroupId(), this.comuni());
    if (request === 'workingGroup' || request === 'comuni') {
      this.inviteError.set({ field: request, error: { key: request === 'workingGroup' ? 'meetings.invitations.errors.group' : 'meetings.invitations.errors.comuni' } });
      this.focus(request === 'workingGroup' ? '#invite-group' : '#invite-comuni');
      return;
    }
    this.inviting.set(true);
    this.inviteFailure.set(null);
    this.inviteResult.set(null);
    const meeting = this.meeting();
    this.api
      .invite(meeting.id, request)
      .pipe(finalize(() => this.inviting.set(false)))
      .subscribe({
        next: (response) => {
          this.inviteResult.set({ added: response.added, alreadyInvited: response.alreadyInvited });
          this.latestCounts.set({ version: meeting.version, counts: response.counts });
          if (request.target === 'COMUNI') this.comuni.set([]);
          this.refresh$.next();
          this.invited.emit();
          this.focus('#invite-result');
        },
        error: (error: unknown) => {
          const failure = meetingWriteFailure(error);
          if (failure.kind === 'invalid') {
            const field = failure.problem.errors?.[0]?.name ?? '';
            if (field.startsWith('workingGroupId')) this.inviteError.set({ field: 'workingGroup', error: { text: failure.problem.errors?.[0]?.reason ?? '' } });
            else if (field.startsWith('comuneIds')) this.inviteError.set({ field: 'comuni', error: { text: failure.problem.errors?.[0]?.reason ?? '' } });
            this.inviteFailure.set(failure.problem.detail);
          } else if (failure.kind === 'notEditable') this.inviteFailure.set(this.translate.instant('meetings.notEditable.text') as string);
          else if (failure.kind === 'unreachable') this.inviteFailure.set(this.translate.instant('meetings.error.unreachable') as string);
          else if (failure.kind === 'stale') this.inviteFailure.set(this.translate.instant('meetings.conflict.text') as string);
          else if (failure.kind === 'closedForAnswers') this.inviteFailure.set(failure.detail);
          else this.inviteFailure.set(failure.problem.detail);
          this.focus('#invite-failure');
        },
      });
  }

  /** Saves the invitations as CSV under the name the API gives (fetched with the session's token). */
  protected exportCsv(): void {
    if (this.exporting()) return;
    const meeting = this.meeting();
    this.exporting.set(true);
    this.exportFailure.set(null);
    this.api
      .invitationsCsv(meeting.id)
      .pipe(finalize(() => this.exporting.set(false)))
      .subscribe({
        next: (response) => {
          if (!response.body) return;
          const name = fileNameFromDisposition(response.headers.get('Content-Disposition')) ?? 'invitati.csv';
          saveBlob(this.document, response.body, name);
        },
        error: (error: unknown) => {
          void problemOfDownload(error).then((problem) => {
            this.exportFailure.set(problem?.detail || (this.translate.instant('meetings.invitations.exportFailed') as string));
            this.focus('#invitations-export-failure');
          });
        },
      });
  }

  protected goToPage(page: number): void {
    this.page.set(page);
  }

  protected retry(): void {
    this.refresh$.next();
  }

  protected delegatesOf(invitation: Invitation): string {
    return invitation.delegates.map((d) => (d.role ? `${d.name} (${d.role})` : d.name)).join('; ');
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
