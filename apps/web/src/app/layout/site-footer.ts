import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ItFooterComponent, ItIconComponent } from 'design-angular-kit';

/** Bootstrap Italia footer: the project behind the portal and the data attribution. */
@Component({
  selector: 'cp-site-footer',
  imports: [RouterLink, TranslatePipe, ItFooterComponent, ItIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './site-footer.html',
  styles: `
    .footer-brand {
      display: inline-flex;
      align-items: center;
      gap: 0.75rem;
      color: #fff;
      text-decoration: none;
      font-size: 1.5rem;
      font-weight: 700;
    }
    .footer-brand:hover {
      text-decoration: underline;
    }
    .footer-brand__subtitle {
      display: block;
      font-size: 1rem;
      font-weight: 400;
    }
  `,
})
export class SiteFooter {}
