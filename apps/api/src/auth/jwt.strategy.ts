import { ROLES } from '@coopera/domain';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf } from '../database/pool';
import { beginForAccount, Db } from '../database/db-context';
import { keepOpened, transactionWanted } from '../database/request-transactions';
import { prepared } from '../database/prepared';
import { User } from '../users/user.entity';
import { AccessTokenPayload, AuthenticatedUser, JWT_AUDIENCE, JWT_ISSUER, toAuthenticatedUser } from './authenticated-user';
import { installVerifiedTokens } from './verified-tokens';

const ACCOUNT = 'SELECT * FROM auth_account($1)';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  comune_id: string | null;
  comune_name: string | null;
  active: boolean;
  totp_enabled_at: Date | null;
}

/**
 * Verifies the access token (HS256 only, issuer, audience, expiry; a token already verified is
 * only checked for expiry: verified-tokens.ts), then reads the account at
 * this very request: a deactivation, or a change of role or Comune, applies at once. The read is
 * one statement (`auth_account`, see its migration): on a route that serves in a transaction, the
 * statement that begins it; elsewhere, alone on the pool.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object, not the string: jsonwebtoken 9 would otherwise try the secret as a public key
      // first (and catch the failure) on every request, ~0.35 ms of CPU each (bench/README.md).
      // passport-jwt hands it to jsonwebtoken as it is; its types only know strings and buffers.
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
    installVerifiedTokens();
  }

  async validate(request: object, payload: AccessTokenPayload): Promise<AuthenticatedUser> {
    if (typeof payload.sub !== 'string' || !UUID.test(payload.sub) || !ROLES.includes(payload.role)) throw new UnauthorizedException();
    const account = transactionWanted(request) ? await this.beginFor(request, payload.sub) : await this.read(payload.sub);
    if (!account) throw new UnauthorizedException('The account is not active.');
    return toAuthenticatedUser(
      {
        id: account.id,
        email: account.email,
        name: account.name,
        role: account.role,
        comuneId: account.comune_id,
        comune: account.comune_name === null ? null : { name: account.comune_name },
        totpEnabledAt: account.totp_enabled_at,
      },
      this.config.totpRequiredRoles,
    );
  }

  /** The active account, straight on the pool: one named statement, no transaction. */
  private async read(sub: string): Promise<AccountRow | null> {
    const [account] = (await poolOf(this.dataSource).query<AccountRow>(prepared(ACCOUNT, [sub]))).rows;
    return account?.active ? account : null;
  }

  /**
   * The active account, read by the statement that begins the request's transaction and sets
   * its row-level security context from the account; the transaction waits for the handler
   * (request-transactions.ts). An account not found or not active: rolled back at once.
   */
  private async beginFor(request: object, sub: string): Promise<AccountRow | null> {
    const { transaction, rows } = await this.db.open<AccountRow>((client) => beginForAccount(client, sub));
    const [account] = rows;
    if (!account?.active) {
      await this.db.discard(transaction);
      return null;
    }
    keepOpened(request, transaction);
    return account;
  }
}
