import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { AGENDA_ITEM_KINDS, AgendaItemKind, InvalidParam, MEETING_LIMITS, MeetingDetail } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { finalize } from 'rxjs';
import { FieldErrorMessage, describedBy } from '../forms/field-error';
import { FieldError } from '../forms/field-errors';
import { LanguageService } from '../i18n/language.service';
import {
  AgendaErrors,
  AgendaFrame,
  AgendaRow,
  AgendaRowErrors,
  AgendaRowField,
  DEFAULT_TITLE_KEYS,
  SpeakerRow,
  agendaChanged,
  agendaErrorsFrom,
  emptySpeaker,
  frameDate,
  hasRowErrors,
  itemsOf,
  moveRow,
  newRowKey,
  rowsOf,
  sortRows,
  suggestedTime,
  validateAgenda,
  validateRow,
} from './agenda-model';
import { MeetingProgramme, ProgrammeEntry } from './meeting-programme';
import { meetingWriteFailure } from './meeting-problems';
import { MeetingsApiService } from './meetings-api.service';
import { programmeTime, romeToRfc3339 } from './rome-time';

interface Editing {
  key: string;
  draft: AgendaRow;
  isNew: boolean;
}

type Failure =
  | { kind: 'invalid'; detail: string | null; others: InvalidParam[] }
  | { kind: 'stale' }
  | { kind: 'notEditable'; detail: string }
  | { kind: 'other'; detail: string }
  | { kind: 'unreachable' };

type SpeakerField = keyof SpeakerRow;
const NO_ERRORS: AgendaRowErrors = { fields: {}, speakers: {} };

/**
 * The secretariat's programme editor: items (kind, title, start in Rome time, optional
 * duration, speakers) added, edited one at a time, removed and moved up or down — a move swaps
 * the start times of the two items, so the list always reads in time order. The whole
 * programme is saved with one versioned PUT; the API's `items.N.*` errors land on their items.
 * A live preview shows the programme as it will read.
 */
@Component({
  selector: 'cp-agenda-builder',
  imports: [NgTemplateOutlet, TranslatePipe, ItIconComponent, FieldErrorMessage, MeetingProgramme],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agenda-builder.html',
  styleUrls: ['./meetings.scss', './agenda-builder.scss'],
})
export class AgendaBuilder {
  private readonly api = inject(MeetingsApiService);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly meeting = input.required<MeetingDetail>();
  /** The programme was saved: the page shows the meeting as the API now returns it. */
  readonly saved = output<MeetingDetail>();
  /** After a 409 the page reads the meeting again. */
  readonly reloadRequested = output<void>();

  protected readonly kinds = AGENDA_ITEM_KINDS;
  protected readonly limits = MEETING_LIMITS;
  protected readonly rows = signal<AgendaRow[]>([]);
  protected readonly editing = signal<Editing | null>(null);
  protected readonly draftErrors = signal<AgendaRowErrors>(NO_ERRORS);
  protected readonly errors = signal<AgendaErrors>({});
  protected readonly failure = signal<Failure | null>(null);
  protected readonly saving = signal(false);
  protected readonly justSaved = signal(false);
  protected readonly announcement = signal('');

  private readonly savedVersion = computed(() => `${this.meeting().id}@${this.meeting().version}`);
  protected readonly frame = computed<AgendaFrame>(() => ({ startsAt: this.meeting().startsAt, endsAt: this.meeting().endsAt }));
  protected readonly dirty = computed(() => this.editing() !== null || agendaChanged(this.meeting().agenda, this.rows(), this.frame()));

  /** The programme as it will read, the item being edited included. */
  protected readonly preview = computed<ProgrammeEntry[]>(() => {
    const editing = this.editing();
    let rows = this.rows();
    if (editing) rows = editing.isNew ? [...rows, editing.draft] : rows.map((row) => (row.key === editing.key ? editing.draft : row));
    const date = frameDate(this.frame());
    return sortRows(rows, this.frame()).flatMap((row) => {
      const startsAt = romeToRfc3339({ date, time: row.time });
      if (!startsAt || !row.title.trim()) return [];
      return [
        {
          key: row.key,
          kind: row.kind,
          title: row.title.trim(),
          startsAt,
          speakers: row.speakers
            .filter((s) => s.name.trim())
            .map((s) => ({ name: s.name.trim(), role: s.role.trim() || null, organisation: s.organisation.trim() || null })),
        },
      ];
    });
  });

  constructor() {
    // A new version of the meeting (saved, reloaded): the builder starts again from its programme.
    // Only a new version counts: the page reading the same meeting again keeps the edits.
    effect(() => {
      this.savedVersion();
      untracked(() => {
        this.rows.set(rowsOf(this.meeting().agenda));
        this.editing.set(null);
        this.errors.set({});
        this.draftErrors.set(NO_ERRORS);
      });
    });
  }

  protected time(row: AgendaRow): string {
    const startsAt = romeToRfc3339({ date: frameDate(this.frame()), time: row.time });
    return startsAt ? programmeTime(startsAt, this.language.locale()) : row.time;
  }

  protected rowErrors(key: string): AgendaRowErrors {
    return this.errors()[key] ?? NO_ERRORS;
  }

  /** An item's errors as the collapsed row lists them: which field, and why. */
  protected rowErrorList(key: string): { label: string; n: number; error: FieldError }[] {
    const errors = this.errors()[key];
    if (!errors) return [];
    const list: { label: string; n: number; error: FieldError }[] = [];
    for (const field of ['kind', 'title', 'time', 'duration', 'speakers'] as AgendaRowField[]) {
      const error = errors.fields[field];
      if (error) list.push({ label: `meetings.agenda.fields.${field}`, n: 0, error });
    }
    for (const [index, error] of Object.entries(errors.speakers)) list.push({ label: 'meetings.agenda.fields.speaker', n: Number(index) + 1, error });
    return list;
  }

  protected errorText(error: FieldError): string {
    return 'text' in error ? error.text : (this.translate.instant(error.key) as string);
  }

  protected draftError(field: AgendaRowField): FieldError | undefined {
    return this.draftErrors().fields[field];
  }

  protected speakerError(index: number): FieldError | undefined {
    return this.draftErrors().speakers[index];
  }

  protected describedBy(field: string, hasError: boolean, hint = false): string | null {
    return describedBy(hint ? `agenda-${field}-hint` : null, `agenda-${field}-error`, hasError);
  }

  protected add(): void {
    if (!this.closeEditor()) return;
    const rows = this.rows();
    const kind: AgendaItemKind = rows.length === 0 ? 'REGISTRATION' : 'TALK';
    const draft: AgendaRow = { key: newRowKey(), kind, title: this.defaultTitle(kind), time: suggestedTime(rows, this.frame()), duration: '', speakers: [] };
    this.openEditor({ key: draft.key, draft, isNew: true });
  }

  protected edit(row: AgendaRow): void {
    if (!this.closeEditor()) return;
    this.openEditor({ key: row.key, draft: { ...row, speakers: row.speakers.map((s) => ({ ...s })) }, isNew: false });
    // The API's errors on this item show on its fields while it is edited.
    this.draftErrors.set(this.errors()[row.key] ?? NO_ERRORS);
  }

  protected onDraftKind(event: Event): void {
    const kind = (event.target as HTMLSelectElement).value as AgendaItemKind;
    this.updateDraft((draft) => {
      // A title still the previous kind's usual one follows the kind; a typed one stays.
      const previousDefault = this.defaultTitle(draft.kind);
      const title = !draft.title.trim() || draft.title === previousDefault ? this.defaultTitle(kind) : draft.title;
      return { ...draft, kind, title };
    });
  }

  protected onDraftText(field: 'title' | 'time' | 'duration', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.updateDraft((draft) => ({ ...draft, [field]: value }));
    this.clearDraftError(field);
  }

  protected onSpeakerText(index: number, field: SpeakerField, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.updateDraft((draft) => ({ ...draft, speakers: draft.speakers.map((s, i) => (i === index ? { ...s, [field]: value } : s)) }));
    if (this.draftErrors().speakers[index]) {
      this.draftErrors.update((errors) => {
        const speakers = { ...errors.speakers };
        delete speakers[index];
        return { ...errors, speakers };
      });
    }
  }

  protected addSpeaker(): void {
    const editing = this.editing();
    if (!editing || editing.draft.speakers.length >= MEETING_LIMITS.speakersMaxPerItem) return;
    const index = editing.draft.speakers.length;
    this.updateDraft((draft) => ({ ...draft, speakers: [...draft.speakers, emptySpeaker()] }));
    this.focus(`#agenda-speaker-${index}-name`);
  }

  protected removeSpeaker(index: number): void {
    this.updateDraft((draft) => ({ ...draft, speakers: draft.speakers.filter((_, i) => i !== index) }));
    this.draftErrors.update((errors) => ({ ...errors, speakers: {} }));
    this.focus('#agenda-add-speaker');
  }

  /** Puts the edited item into the programme (in time order), after its own checks. */
  protected apply(): boolean {
    const editing = this.editing();
    if (!editing) return true;
    const own = validateRow(editing.draft, this.frame());
    this.draftErrors.set(own);
    if (hasRowErrors(own)) {
      const field = (['title', 'time', 'duration'] as const).find((f) => own.fields[f]);
      const speaker = Object.keys(own.speakers)[0];
      this.focus(field ? `#agenda-${field}` : speaker !== undefined ? `#agenda-speaker-${speaker}-name` : '#agenda-kind');
      return false;
    }
    const rows = editing.isNew ? [...this.rows(), editing.draft] : this.rows().map((row) => (row.key === editing.key ? editing.draft : row));
    this.rows.set(sortRows(rows, this.frame()));
    this.errors.update((errors) => {
      const next = { ...errors };
      delete next[editing.key];
      return next;
    });
    this.editing.set(null);
    this.justSaved.set(false);
    this.announce(editing.isNew ? 'meetings.agenda.added' : 'meetings.agenda.applied', editing.draft.title);
    this.focus(`#agenda-row-${editing.key} .agenda-edit`);
    return true;
  }

  protected cancelEdit(): void {
    const editing = this.editing();
    this.editing.set(null);
    this.draftErrors.set(NO_ERRORS);
    this.focus(editing && !editing.isNew ? `#agenda-row-${editing.key} .agenda-edit` : '#agenda-add');
  }

  protected remove(row: AgendaRow, index: number): void {
    if (!this.closeEditor()) return;
    this.rows.update((rows) => rows.filter((r) => r.key !== row.key));
    this.errors.update((errors) => {
      const next = { ...errors };
      delete next[row.key];
      return next;
    });
    this.justSaved.set(false);
    this.announce('meetings.agenda.removed', row.title);
    const left = this.rows();
    const next = left[Math.min(index, left.length - 1)];
    this.focus(next ? `#agenda-row-${next.key} .agenda-edit` : '#agenda-add');
  }

  protected move(row: AgendaRow, index: number, direction: -1 | 1): void {
    if (!this.closeEditor()) return;
    this.rows.set(moveRow(this.rows(), index, direction));
    this.errors.set({});
    this.justSaved.set(false);
    this.announce(direction < 0 ? 'meetings.agenda.movedUp' : 'meetings.agenda.movedDown', row.title);
    const button = direction < 0 ? (index - 1 === 0 ? '.agenda-down' : '.agenda-up') : index + 1 === this.rows().length - 1 ? '.agenda-up' : '.agenda-down';
    this.focus(`#agenda-row-${row.key} ${button}`);
  }

  /** Saves the whole programme: one PUT with the version the page read. */
  protected save(): void {
    if (this.saving() || !this.apply()) return;
    const rows = this.rows();
    const errors = validateAgenda(rows, this.frame());
    this.errors.set(errors);
    const firstInvalid = rows.find((row) => errors[row.key]);
    if (firstInvalid) {
      this.failure.set({ kind: 'invalid', detail: null, others: [] });
      this.focus('#agenda-failure');
      return;
    }
    this.saving.set(true);
    this.failure.set(null);
    const meeting = this.meeting();
    this.api
      .replaceAgenda(meeting.id, { version: meeting.version, items: itemsOf(rows, this.frame()) })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (updated) => {
          this.justSaved.set(true);
          this.saved.emit(updated);
          this.focus('#agenda-saved');
        },
        error: (error: unknown) => {
          const failure = meetingWriteFailure(error);
          switch (failure.kind) {
            case 'invalid': {
              const { onRows, others } = agendaErrorsFrom(failure.problem, rows);
              this.errors.set(onRows);
              this.failure.set({ kind: 'invalid', detail: failure.problem.detail, others });
              break;
            }
            case 'stale':
              this.failure.set({ kind: 'stale' });
              break;
            case 'notEditable':
              this.failure.set({ kind: 'notEditable', detail: failure.detail });
              break;
            case 'unreachable':
              this.failure.set({ kind: 'unreachable' });
              break;
            case 'closedForAnswers':
              this.failure.set({ kind: 'other', detail: failure.detail });
              break;
            default:
              this.failure.set({ kind: 'other', detail: failure.problem.detail });
          }
          this.focus('#agenda-failure');
        },
      });
  }

  protected reload(): void {
    this.failure.set(null);
    this.reloadRequested.emit();
  }

  /** Throws away the unsaved changes: the programme as last saved. */
  protected discard(): void {
    this.rows.set(rowsOf(this.meeting().agenda));
    this.editing.set(null);
    this.errors.set({});
    this.failure.set(null);
  }

  /** Whether leaving would lose changes (the page asks first). */
  hasChanges(): boolean {
    return this.dirty();
  }

  private closeEditor(): boolean {
    return this.editing() === null || this.apply();
  }

  private openEditor(editing: Editing): void {
    this.editing.set(editing);
    this.draftErrors.set(NO_ERRORS);
    this.justSaved.set(false);
    this.focus('#agenda-kind');
  }

  private updateDraft(change: (draft: AgendaRow) => AgendaRow): void {
    this.editing.update((editing) => (editing ? { ...editing, draft: change(editing.draft) } : editing));
  }

  private clearDraftError(field: AgendaRowField): void {
    if (this.draftErrors().fields[field]) this.draftErrors.update((errors) => ({ ...errors, fields: { ...errors.fields, [field]: undefined } }));
  }

  private defaultTitle(kind: AgendaItemKind): string {
    const key = DEFAULT_TITLE_KEYS[kind];
    return key ? (this.translate.instant(key) as string) : '';
  }

  private announce(key: string, title: string): void {
    this.announcement.set(this.translate.instant(key, { title }) as string);
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
