import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ItCardComponent, ItIconComponent } from 'design-angular-kit';

/** What Coopera is, why the coordination exists, and the way into the directory. */
@Component({
  selector: 'cp-home-page',
  imports: [RouterLink, TranslatePipe, ItCardComponent, ItIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
})
export class HomePage {
  protected readonly goals = ['home.goals.reception', 'home.goals.role', 'home.goals.network', 'home.goals.inclusion'];
}
