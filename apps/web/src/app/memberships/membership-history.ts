import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MembershipEvent } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../i18n/language.service';
import { MembershipStep, romeDateTimeFormat, stepOf } from './membership-view';

interface HistoryLine {
  event: MembershipEvent;
  step: MembershipStep;
  when: string;
}

/**
 * The history of a membership as a timeline, oldest first as the API gives it: what happened,
 * when (Europe/Rome), who did it with which role, and why.
 */
@Component({
  selector: 'cp-membership-history',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './membership-history.html',
  styleUrl: './membership-history.scss',
})
export class MembershipHistory {
  private readonly languageService = inject(LanguageService);

  readonly history = input.required<readonly MembershipEvent[]>();

  private readonly dateFormat = computed(() => romeDateTimeFormat(this.languageService.locale()));
  protected readonly lines = computed<HistoryLine[]>(() =>
    this.history().map((event) => ({ event, step: stepOf(event), when: this.dateFormat().format(new Date(event.occurredAt)) })),
  );
}
