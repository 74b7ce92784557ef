import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, model, signal, viewChild } from '@angular/core';
import { WORKING_GROUP_MAX_MEMBERS } from '@coopera/domain';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ItIconComponent } from 'design-angular-kit';
import { ComuneChoice, ComuneChooser } from '../admin/users/comune-chooser';
import { FieldError } from '../forms/field-errors';

/** Adds a Comune to the members unless it is there already; answers the new list (same one if unchanged). */
export function withMember(members: readonly ComuneChoice[], comune: ComuneChoice): readonly ComuneChoice[] {
  return members.some((m) => m.id === comune.id) ? members : [...members, comune];
}

export function withoutMember(members: readonly ComuneChoice[], id: string): readonly ComuneChoice[] {
  return members.filter((m) => m.id !== id);
}

/**
 * The member Comuni of a working group as removable chips, and a search-as-you-type chooser
 * (the accounts' `cp-comune-chooser`) that adds the chosen Comune to them.
 */
@Component({
  selector: 'cp-working-group-members',
  imports: [TranslatePipe, ItIconComponent, ComuneChooser],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="members-fieldset">
      <legend class="members-legend">{{ 'workingGroups.form.members' | translate }}</legend>
      @if (members().length === 0) {
        <p class="members-empty">{{ 'workingGroups.form.noMembers' | translate }}</p>
      } @else {
        <ul class="member-chips" [attr.aria-label]="'workingGroups.form.membersList' | translate: { count: members().length }">
          @for (member of members(); track member.id; let i = $index) {
            <li class="member-chip">
              <span class="chip-label">{{ member.name }}</span>
              <button type="button" class="chip-remove" [attr.data-index]="i" (click)="remove(member, i)">
                <it-icon name="close" size="sm" />
                <span class="visually-hidden">{{ 'workingGroups.form.removeMember' | translate: { name: member.name } }}</span>
              </button>
            </li>
          }
        </ul>
      }
      <cp-comune-chooser
        class="d-block"
        inputId="group-members"
        [label]="'workingGroups.form.addMember' | translate"
        (valueChange)="add($event)"
        [error]="error()"
      />
      <div class="visually-hidden" aria-live="polite">{{ announcement() }}</div>
    </fieldset>
  `,
  styles: `
    .members-fieldset {
      margin-bottom: 1.5rem;
    }
    .members-legend {
      font-size: 1rem;
      font-weight: 600;
      margin-bottom: 0.75rem;
      float: none;
    }
    // The chooser's label floats above its input: leave it room.
    .members-empty {
      color: #5d7083;
      margin-bottom: 2rem;
    }
    .member-chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0 0 2rem;
      padding: 0;
      list-style: none;
    }
    .member-chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.125rem 0.25rem 0.125rem 0.75rem;
      border: 1px solid #0066cc;
      border-radius: 1rem;
      background: #f0f6fc;
      color: #17324d;
    }
    .chip-remove {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 2rem;
      height: 2rem;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: transparent;
      &:hover {
        background: #d9e8f7;
      }
      &:focus-visible {
        outline: 2px solid #0066cc;
        outline-offset: 1px;
      }
    }
  `,
})
export class WorkingGroupMembers {
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly translate = inject(TranslateService);

  readonly members = model.required<readonly ComuneChoice[]>();
  readonly error = input<FieldError | null | undefined>(null);

  private readonly chooser = viewChild.required(ComuneChooser);
  protected readonly announcement = signal('');
  protected readonly full = computed(() => this.members().length >= WORKING_GROUP_MAX_MEMBERS);

  protected add(choice: ComuneChoice | null): void {
    if (!choice) return;
    const before = this.members();
    if (this.full() && !before.some((m) => m.id === choice.id)) {
      this.clearChooser();
      this.announce('workingGroups.form.full', choice.name, before.length);
      return;
    }
    const after = withMember(before, choice);
    this.members.set(after);
    this.clearChooser();
    this.announce(after === before ? 'workingGroups.form.alreadyMember' : 'workingGroups.form.added', choice.name, after.length);
  }

  protected remove(member: ComuneChoice, index: number): void {
    const after = withoutMember(this.members(), member.id);
    this.members.set(after);
    this.announce('workingGroups.form.removed', member.name, after.length);
    // The focus goes to the chip now at that place (or the one before), else to the chooser.
    afterNextRender(
      () => {
        const root = this.host.nativeElement;
        const buttons = root.querySelectorAll<HTMLElement>('.chip-remove');
        const next = buttons[Math.min(index, buttons.length - 1)] ?? root.querySelector<HTMLElement>('#group-members');
        next?.focus();
      },
      { injector: this.injector },
    );
  }

  /**
   * The chosen Comune is now a chip: empty the chooser for the next one. Set on the chooser
   * itself, as a binding from null to null would not reach it.
   */
  private clearChooser(): void {
    this.chooser().value.set(null);
  }

  private announce(key: string, name: string, count: number): void {
    this.announcement.set(this.translate.instant(key, { name, count, max: WORKING_GROUP_MAX_MEMBERS }) as string);
  }
}
