import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

@Component({
  selector: 'cp-not-found-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="container py-5">
      <h1>{{ 'notFound.heading' | translate }}</h1>
      <p class="lead">{{ 'notFound.text' | translate }}</p>
      <a routerLink="/" class="btn btn-primary">{{ 'notFound.backHome' | translate }}</a>
    </div>
  `,
})
export class NotFoundPage {}
