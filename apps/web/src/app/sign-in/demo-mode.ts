import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Observable, catchError, map, of } from 'rxjs';

/** Where the API says whether it runs with demo data. */
export const DEMO_MODE_URL = '/api/health';

/**
 * Whether the portal runs in demo mode (`COOPERA_DEMO=1`), where the demo accounts exist: the
 * liveness answer then carries `"demo": true`. Anything else — no flag, an error — means no.
 */
@Injectable({ providedIn: 'root' })
export class DemoMode {
  private readonly http = inject(HttpClient);

  readonly enabled = toSignal(this.load(), { initialValue: false });

  private load(): Observable<boolean> {
    return this.http.get<unknown>(DEMO_MODE_URL).pipe(
      map((body) => typeof body === 'object' && body !== null && (body as { demo?: unknown }).demo === true),
      catchError(() => of(false)),
    );
  }
}
