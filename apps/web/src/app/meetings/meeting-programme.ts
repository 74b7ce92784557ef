import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { AgendaItem, AgendaItemKind, Speaker } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../i18n/language.service';
import { programmeTime } from './rome-time';

/** An item as the programme shows it. */
export interface ProgrammeEntry {
  key: string;
  kind: AgendaItemKind;
  title: string;
  /** RFC 3339. */
  startsAt: string;
  speakers: readonly Speaker[];
}

export function programmeOf(agenda: readonly AgendaItem[]): ProgrammeEntry[] {
  return agenda.map((item) => ({ key: item.id, kind: item.kind, title: item.title, startsAt: item.startsAt, speakers: item.speakers }));
}

/** "Nome Cognome, ruolo, organizzazione", as the seed's announcement names its speakers. */
export function speakerLine(speaker: Speaker): string {
  return [speaker.role, speaker.organisation].filter((part): part is string => Boolean(part)).join(', ');
}

/**
 * The programme as the seed's announcement prints it: the times on the left (9.45, 10.00…),
 * each title with its speakers below, the name in bold followed by role and organisation.
 */
@Component({
  selector: 'cp-meeting-programme',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (entries().length === 0) {
      <p class="empty-text mb-0">{{ emptyKey() | translate }}</p>
    } @else {
      <ol class="programme" [attr.aria-label]="label() || null">
        @for (entry of entries(); track entry.key) {
          <li class="programme-item" [class]="'kind-' + entry.kind.toLowerCase()">
            <time class="programme-time" [attr.datetime]="entry.startsAt">{{ time(entry.startsAt) }}</time>
            <div class="programme-body">
              @if (entry.kind === 'TALK') {
                <p class="programme-title talk mb-0">{{ entry.title }}</p>
              } @else {
                <p class="programme-title mb-0">{{ entry.title }}</p>
              }
              @if (entry.speakers.length) {
                <ul class="programme-speakers">
                  @for (speaker of entry.speakers; track $index) {
                    <li>
                      <strong>{{ speaker.name }}</strong>@if (speakerLine(speaker); as rest) {<span>, {{ rest }}</span>}
                    </li>
                  }
                </ul>
              }
            </div>
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .programme {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .programme-item {
      display: grid;
      grid-template-columns: 4rem 1fr;
      gap: 0 1rem;
      padding: 0.6rem 0;
      border-bottom: 1px solid #e6e9f2;
      overflow-wrap: anywhere;
    }
    .programme-item:last-child {
      border-bottom: 0;
    }
    .programme-time {
      font-weight: 700;
      color: #0066cc;
      font-variant-numeric: tabular-nums;
    }
    .programme-title {
      font-weight: 600;
      color: #17324d;
    }
    .programme-title.talk {
      font-style: italic;
      font-weight: 400;
    }
    .programme-speakers {
      margin: 0.25rem 0 0;
      padding: 0;
      list-style: none;
    }
    .empty-text {
      color: #5d7083;
    }
  `,
})
export class MeetingProgramme {
  private readonly language = inject(LanguageService);

  readonly entries = input.required<readonly ProgrammeEntry[]>();
  readonly emptyKey = input('meetings.programme.empty');
  readonly label = input('');

  protected readonly speakerLine = speakerLine;

  protected time(iso: string): string {
    return programmeTime(iso, this.language.locale());
  }
}
