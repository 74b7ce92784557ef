import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** Shown at the address of a page the signed-in user's role may not open. */
@Component({
  selector: 'cp-forbidden-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="container py-5">
      <h1>{{ 'forbidden.heading' | translate }}</h1>
      <p class="lead">{{ 'forbidden.text' | translate }}</p>
      <p>{{ 'forbidden.help' | translate }}</p>
      <a routerLink="/" class="btn btn-primary">{{ 'forbidden.backHome' | translate }}</a>
    </div>
  `,
})
export class ForbiddenPage {}
