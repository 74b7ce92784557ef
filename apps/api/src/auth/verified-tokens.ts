import { Strategy } from 'passport-jwt';

/** passport-jwt's hook for checking a token: jsonwebtoken's `verify` with the strategy's key and options. */
export type JwtVerifier = (token: string, key: unknown, options: object, done: (error: Error | null, payload?: object) => void) => void;

interface Verified {
  payload: Readonly<Record<string, unknown>>;
  /** Seconds since the epoch, as in the token's `exp` claim. */
  expiresAt: number;
}

/** About the tokens of a few thousand people signed in within a quarter of an hour. */
export const VERIFIED_TOKENS_LIMIT = 10_000;

/**
 * Access tokens already verified, by their exact text, for as long as they are valid. A browser
 * sends the same token with every request of its quarter of an hour, and verifying it again (the
 * HMAC, the JSON, the claims) took the API from 298 to 336 µs of CPU per project read (two builds
 * side by side, bench/README.md). The
 * text includes the signature, so a hit is a token that this very key accepted with these very
 * options; only the time can change the answer, and `exp` is checked at every hit as jsonwebtoken
 * checks it. Refusals are not kept: they are rare, and each must say why. One cache per key, so
 * that a token never passes a key it was not verified with.
 */
export class VerifiedTokens {
  private readonly byKey = new WeakMap<object, Map<string, Verified>>();

  constructor(
    private readonly verify: JwtVerifier,
    private readonly limit = VERIFIED_TOKENS_LIMIT,
    private readonly nowSeconds = () => Math.floor(Date.now() / 1000),
  ) {}

  readonly verifier: JwtVerifier = (token, key, options, done) => {
    const tokens = typeof key === 'object' && key !== null ? this.tokensOf(key) : null;
    const known = tokens?.get(token);
    if (known && this.nowSeconds() < known.expiresAt) return done(null, known.payload);
    if (known) tokens?.delete(token);
    this.verify(token, key, options, (error, payload) => {
      if (!error && tokens && payload && typeof (payload as { exp?: unknown }).exp === 'number') {
        // The oldest first: Map keeps insertion order, and tokens expire in the order they came.
        if (tokens.size >= this.limit) tokens.delete(tokens.keys().next().value as string);
        const frozen = Object.freeze({ ...payload }) as Readonly<Record<string, unknown>>;
        tokens.set(token, { payload: frozen, expiresAt: frozen['exp'] as number });
        return done(null, frozen);
      }
      done(error, payload);
    });
  };

  private tokensOf(key: object): Map<string, Verified> {
    let tokens = this.byKey.get(key);
    if (!tokens) {
      tokens = new Map();
      this.byKey.set(key, tokens);
    }
    return tokens;
  }
}

interface StrategyWithVerifier {
  JwtVerifier: JwtVerifier;
}

let installed: VerifiedTokens | null = null;

/**
 * passport-jwt calls one verifier for every strategy of the process (a static of its Strategy):
 * it is replaced once, by one that keeps what the original accepted. Each strategy's key is a
 * `KeyObject` of its own (jwt.strategy.ts): every app of the process (the tests start many) keeps
 * its own tokens.
 */
export function installVerifiedTokens(): VerifiedTokens {
  if (!installed) {
    const strategy = Strategy as unknown as StrategyWithVerifier;
    installed = new VerifiedTokens(strategy.JwtVerifier);
    strategy.JwtVerifier = installed.verifier;
  }
  return installed;
}
