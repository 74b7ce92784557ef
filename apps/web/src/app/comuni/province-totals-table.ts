import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { PROVINCE_NAMES, ProvinceTotals } from '@coopera/domain';
import { TranslatePipe } from '@ngx-translate/core';
import { LanguageService } from '../i18n/language.service';

/** The sum of every province's figures: the table's last line. */
export function grandTotal(rows: readonly ProvinceTotals[]): Omit<ProvinceTotals, 'province'> {
  return rows.reduce(
    (sum, row) => ({
      comuni: sum.comuni + row.comuni,
      members: sum.members + row.members,
      projects: sum.projects + row.projects,
      posti: sum.posti + row.posti,
    }),
    { comuni: 0, members: 0, projects: 0, posti: 0 },
  );
}

/**
 * Comuni, members, open projects and posti per province, over the whole filtered set (not only
 * the page shown), as a data table with a total line.
 */
@Component({
  selector: 'cp-province-totals-table',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-responsive" tabindex="0" role="region" aria-labelledby="province-totals-caption">
      <table class="table province-totals">
        <caption id="province-totals-caption">{{ 'comuni.totals.caption' | translate }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ 'comuni.totals.province' | translate }}</th>
            <th scope="col" class="text-end">{{ 'comuni.totals.comuni' | translate }}</th>
            <th scope="col" class="text-end">{{ 'comuni.totals.members' | translate }}</th>
            <th scope="col" class="text-end">{{ 'comuni.totals.projects' | translate }}</th>
            <th scope="col" class="text-end">{{ 'comuni.totals.posti' | translate }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.province) {
            <tr>
              <th scope="row">{{ provinceNames[row.province] }} ({{ row.province }})</th>
              <td class="text-end">{{ format(row.comuni) }}</td>
              <td class="text-end">{{ format(row.members) }}</td>
              <td class="text-end">{{ format(row.projects) }}</td>
              <td class="text-end">{{ format(row.posti) }}</td>
            </tr>
          }
        </tbody>
        @if (rows().length > 1) {
          <tfoot>
            <tr>
              <th scope="row">{{ 'comuni.totals.total' | translate }}</th>
              <td class="text-end">{{ format(total().comuni) }}</td>
              <td class="text-end">{{ format(total().members) }}</td>
              <td class="text-end">{{ format(total().projects) }}</td>
              <td class="text-end">{{ format(total().posti) }}</td>
            </tr>
          </tfoot>
        }
      </table>
    </div>
  `,
  styles: `
    .table-responsive {
      position: relative;
      max-width: 48rem;
    }
    .province-totals {
      caption {
        caption-side: top;
      }
      tfoot th,
      tfoot td {
        font-weight: 700;
        border-top: 2px solid #5d7083;
      }
    }
  `,
})
export class ProvinceTotalsTable {
  private readonly languageService = inject(LanguageService);

  readonly rows = input.required<readonly ProvinceTotals[]>();

  protected readonly provinceNames = PROVINCE_NAMES;
  protected readonly total = computed(() => grandTotal(this.rows()));
  private readonly numberFormat = computed(() => new Intl.NumberFormat(this.languageService.locale(), { useGrouping: true }));

  protected format(value: number): string {
    return this.numberFormat().format(value);
  }
}
