// A signed-in account for the load: one sign-in through POST /api/v1/auth/login at the start
// (the endpoint is rate-limited and hashes with argon2, so never per request), then
// POST /api/v1/auth/refresh with the refresh cookie whenever the 15-minute access token would
// expire during the next run. The same token serves the baseline, which shares the JWT secret.

const REFRESH_COOKIE = 'coopera_refresh';

export class Session {
  constructor(apiUrl, email) {
    this.apiUrl = apiUrl;
    this.email = email;
    this.token = null;
    this.expiresAt = 0;
    this.cookie = null;
  }

  async login(password) {
    const response = await fetch(`${this.apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: this.email, password }),
    });
    await this.take(response, 'sign in');
    return this;
  }

  /** Refreshes unless the token stays valid for `seconds` more. */
  async fresh(seconds) {
    if (this.expiresAt - Date.now() > seconds * 1000) return;
    const response = await fetch(`${this.apiUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { cookie: `${REFRESH_COOKIE}=${this.cookie}` },
    });
    await this.take(response, 'refresh the session');
  }

  get authorization() {
    return `Bearer ${this.token}`;
  }

  async take(response, what) {
    const text = await response.text();
    if (!response.ok) throw new Error(`Cannot ${what} as ${this.email}: ${response.status} ${text.slice(0, 300)}`);
    const body = JSON.parse(text);
    this.token = body.accessToken;
    this.role = body.user?.role;
    this.expiresAt = Date.now() + body.expiresIn * 1000;
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = pair.split('=');
      if (name === REFRESH_COOKIE) this.cookie = value;
    }
  }
}
