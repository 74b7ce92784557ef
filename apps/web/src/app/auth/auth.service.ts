import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { CurrentUser, LoginRequest, LoginResponse, Permission, hasPermission } from '@coopera/domain';
import { Observable, catchError, defer, finalize, map, of, shareReplay, tap } from 'rxjs';

/** The session endpoints, same origin as the app. The refresh cookie is scoped to their path. */
export const AUTH_API = {
  login: '/api/v1/auth/login',
  refresh: '/api/v1/auth/refresh',
  logout: '/api/v1/auth/logout',
  me: '/api/v1/auth/me',
  /** Public: the one-time token of the activation link is the credential. */
  activate: '/api/v1/auth/activate',
} as const;

/** Where a user who must set up the second factor is sent (the profile page holds the set-up). */
export const TOTP_ENROLLMENT_PATH = '/profilo';

interface Session {
  accessToken: string;
  user: CurrentUser;
}

/**
 * Who is signed in. The access token lives in memory only (never in storage); the refresh token
 * is an HttpOnly cookie the browser sends by itself to `/api/v1/auth/*`, so a reload restores
 * the session through `restore()`.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly session = signal<Session | null>(null);
  private readonly pending = signal(0);
  private readonly settled = signal(false);
  private refresh$: Observable<LoginResponse> | null = null;
  private restore$: Observable<void> | null = null;

  /** The signed-in user, or null. */
  readonly user = computed(() => this.session()?.user ?? null);
  readonly signedIn = computed(() => this.session() !== null);
  /** A sign-in, refresh or sign-out request is on its way. */
  readonly loading = computed(() => this.pending() > 0);
  /** Whether the start-up check of the session has answered (until then, signed-out means "not known yet"). */
  readonly ready = this.settled.asReadonly();

  /** The current access token, for the `Authorization` header. */
  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  /** Whether the signed-in user's role grants `permission` (false when signed out). */
  can(permission: Permission): boolean {
    const user = this.user();
    return user !== null && hasPermission(user.role, permission);
  }

  /** Signs in; the answer's errors are the API's problem+json (see the sign-in page). */
  login(request: LoginRequest): Observable<CurrentUser> {
    return this.track(
      this.http.post<LoginResponse>(AUTH_API.login, request).pipe(
        tap((response) => {
          this.start(response);
          this.settled.set(true);
        }),
        map((response) => response.user),
      ),
    );
  }

  /**
   * Ends the session: forgets it at once, then asks the API to revoke the refresh token and
   * clear its cookie. Completes even when the API cannot be reached.
   */
  logout(): Observable<void> {
    return defer(() => {
      this.clear();
      return this.track(this.http.post<unknown>(AUTH_API.logout, null)).pipe(
        map(() => undefined),
        catchError(() => of(undefined)),
      );
    });
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request
   * (the cookie rotates on every use, so two parallel refreshes would invalidate each other).
   * On failure the session is over and is cleared.
   */
  refresh(): Observable<LoginResponse> {
    if (!this.refresh$) {
      const before = this.session();
      this.refresh$ = this.track(this.http.post<LoginResponse>(AUTH_API.refresh, null)).pipe(
        tap({
          next: (response) => this.start(response),
          // …unless the user signed in again meanwhile.
          error: () => {
            if (this.session() === before) this.session.set(null);
          },
        }),
        finalize(() => (this.refresh$ = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refresh$;
  }

  /**
   * The start-up check: tries the refresh cookie once. Every later call answers from that
   * first attempt, so guards can wait on it. Never fails: no session is a normal outcome.
   */
  restore(): Observable<void> {
    this.restore$ ??= this.refresh().pipe(
      map(() => undefined),
      catchError(() => of(undefined)),
      tap(() => this.settled.set(true)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.restore$;
  }

  /** Reloads the signed-in user from `GET /auth/me` (e.g. after a role change). */
  reloadUser(): Observable<CurrentUser> {
    return this.http.get<CurrentUser>(AUTH_API.me).pipe(tap((user) => this.applyUser(user)));
  }

  /** Takes a fresher description of the signed-in user (e.g. the answer of a profile change). */
  applyUser(user: CurrentUser): void {
    this.session.update((session) => (session ? { ...session, user } : session));
  }

  /**
   * The API refused a request because the user must first set up the second factor: remember it,
   * so the guard keeps them on the profile page and the page explains why.
   */
  requireTotpEnrollment(): void {
    this.session.update((session) =>
      session && !session.user.totpEnrollmentRequired
        ? { ...session, user: { ...session.user, totpEnrollmentRequired: true } }
        : session,
    );
  }

  /** Forgets the session locally (the interceptor calls it when the session is over). */
  clear(): void {
    this.session.set(null);
  }

  private start(response: LoginResponse): void {
    this.session.set({ accessToken: response.accessToken, user: response.user });
  }

  private track<T>(request: Observable<T>): Observable<T> {
    return defer(() => {
      this.pending.update((count) => count + 1);
      return request.pipe(finalize(() => this.pending.update((count) => count - 1)));
    });
  }
}
