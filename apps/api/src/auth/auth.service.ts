import { CurrentUser, LoginResponse, ROLE_PERMISSIONS, TOTP_REQUIRED_PROBLEM_TYPE } from '@coopera/domain';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { sha256 } from '../common/hash';
import { TypedProblem } from '../common/problem';
import { Db } from '../database/db-context';
import { User } from '../users/user.entity';
import { AccessTokenPayload, ACCESS_TOKEN_TTL_SECONDS, AuthenticatedUser, toAuthenticatedUser } from './authenticated-user';
import { LoginDto } from './dto/login.dto';
import { PasswordService } from './password.service';
import { RateLimiter } from './rate-limiter';
import { RefreshToken } from './refresh-token.entity';
import { TotpService } from './totp.service';

/** A sign-in session lasts at most this long, however often it is refreshed. */
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
/** Brute-force limits: attempts per client address and per account, per window. */
export const LOGIN_LIMITS = { windowMs: 15 * 60 * 1000 };
/** The window of `refreshLimitPerIp` (REFRESH_LIMIT_PER_IP, 60 by default). */
export const REFRESH_LIMITS = { windowMs: 60 * 1000 };

const BAD_CREDENTIALS = 'Wrong e-mail or password.';

type RefreshOutcome = { session: Session } | { error: string; reused?: RefreshToken };

export interface Session extends LoginResponse {
  refreshToken: string;
  sessionExpiresAt: Date;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly totp: TotpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, ip: string): Promise<Session> {
    const email = dto.email.trim().toLowerCase();
    this.limiter.enforce(`login:ip:${ip}`, this.config.loginLimitPerIp, LOGIN_LIMITS.windowMs);
    this.limiter.enforce(`login:account:${email}`, this.config.loginLimitPerAccount, LOGIN_LIMITS.windowMs);

    const user = await this.db.run({ purpose: 'authenticate' }, (m) =>
      m
        .createQueryBuilder(User, 'u')
        .addSelect(['u.passwordHash', 'u.totpSecret', 'u.totpLastCounter', 'u.totpRecoveryHashes'])
        .leftJoinAndSelect('u.comune', 'c')
        .where('u.email = :email', { email })
        .getOne(),
    );
    // Always verify a hash, even for an unknown account, so that timing reveals nothing.
    const valid = await this.passwords.verify(user?.passwordHash ?? null, dto.password);
    if (!user || !valid || !user.active) {
      await this.audit.recordAlways({
        action: 'auth.login.failed',
        actorId: user?.id ?? null,
        actorRole: user?.role ?? null,
        comuneId: user?.comuneId ?? null,
        ip,
        detail: user && valid ? `inactive account ${email}` : `bad credentials for ${email}`,
      });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }

    const secondFactor = this.checkSecondFactor(user, dto.totp);
    if (secondFactor === 'missing') {
      throw new TypedProblem(401, TOTP_REQUIRED_PROBLEM_TYPE, 'Second factor required', 'Enter the code of your authenticator app.');
    }
    if (secondFactor === 'wrong') {
      await this.audit.recordAlways({
        action: 'auth.login.failed',
        actorId: user.id,
        actorRole: user.role,
        comuneId: user.comuneId,
        ip,
        detail: `wrong second-factor code for ${email}`,
      });
      throw new UnauthorizedException('Wrong or already used code.');
    }

    return this.db.run({ userId: user.id, role: user.role, comuneId: user.comuneId, purpose: 'authenticate' }, async (m) => {
      if (secondFactor !== 'none') await m.update(User, { id: user.id }, secondFactor);
      if (user.passwordHash && this.passwords.needsRehash(user.passwordHash)) {
        await m.update(User, { id: user.id }, { passwordHash: await this.passwords.hash(dto.password) });
      }
      const session = await this.openSession(m, toAuthenticatedUser(user, this.config.totpRequiredRoles), randomUUID(), new Date(Date.now() + SESSION_MAX_MS));
      await this.audit.record({
        action: 'auth.login.succeeded',
        actorId: user.id,
        actorRole: user.role,
        comuneId: user.comuneId,
        ip,
      });
      return session;
    });
  }

  /** Rotates the refresh token; a token presented twice revokes its whole family. */
  async refresh(presented: string | undefined, ip: string): Promise<Session> {
    this.limiter.enforce(`refresh:ip:${ip}`, this.config.refreshLimitPerIp, REFRESH_LIMITS.windowMs);
    if (!presented) throw new UnauthorizedException('No session.');
    const tokenHash = sha256(presented);
    const outcome = await this.db.run({ purpose: 'authenticate' }, async (m): Promise<RefreshOutcome> => {
      const token = await m.findOne(RefreshToken, { where: { tokenHash } });
      if (!token) return { error: 'No session.' };
      // Claim the token atomically: of two concurrent uses, exactly one gets it.
      const claimed = await m
        .createQueryBuilder()
        .update(RefreshToken)
        .set({ usedAt: () => 'now()' })
        .where({ id: token.id, usedAt: IsNull(), revokedAt: IsNull() })
        .execute();
      if (claimed.affected !== 1) {
        if (token.revokedAt) return { error: 'Session revoked.' };
        // Already used: someone replays a token that was rotated away. Revoke the whole family.
        await m.update(RefreshToken, { familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
        return { error: 'Session revoked.', reused: token };
      }
      const now = Date.now();
      if (token.expiresAt.getTime() <= now || token.sessionExpiresAt.getTime() <= now) return { error: 'Session expired.' };
      const user = await m.findOne(User, { where: { id: token.userId }, relations: { comune: true } });
      if (!user || !user.active) return { error: 'The account is not active.' };
      return { session: await this.openSession(m, toAuthenticatedUser(user, this.config.totpRequiredRoles), token.familyId, token.sessionExpiresAt) };
    });
    if ('session' in outcome) return outcome.session;
    if (outcome.reused) {
      await this.audit.recordAlways({
        action: 'auth.refresh.reused',
        actorId: outcome.reused.userId,
        ip,
        detail: 'A used refresh token was presented again: the session family is revoked.',
      });
    }
    throw new UnauthorizedException(outcome.error);
  }

  /** Revokes the session the refresh token belongs to. Unknown tokens are ignored. */
  async logout(presented: string | undefined): Promise<void> {
    if (!presented) return;
    await this.db.run({ purpose: 'authenticate' }, async (m) => {
      const token = await m.findOne(RefreshToken, { where: { tokenHash: sha256(presented) } });
      if (token) await m.update(RefreshToken, { familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    });
  }

  /**
   * With TOTP on: 'missing' without a code, 'wrong' for a bad or replayed one, else the columns to
   * update (the step of the code, or the recovery codes minus the one used).
   */
  private checkSecondFactor(
    user: User,
    code: string | undefined,
  ): 'none' | 'missing' | 'wrong' | Pick<User, 'totpLastCounter'> | Pick<User, 'totpRecoveryHashes'> {
    if (!user.totpEnabledAt || !user.totpSecret) return 'none';
    if (!code) return 'missing';
    if (this.totp.isRecoveryCode(code)) {
      const hash = this.totp.hashRecoveryCode(code);
      const remaining = user.totpRecoveryHashes ?? [];
      return remaining.includes(hash) ? { totpRecoveryHashes: remaining.filter((h) => h !== hash) } : 'wrong';
    }
    const last = user.totpLastCounter === null ? null : Number(user.totpLastCounter);
    const accepted = this.totp.check(user.totpSecret, code, last);
    return accepted ? { totpLastCounter: String(accepted.counter) } : 'wrong';
  }

  describe(user: AuthenticatedUser): CurrentUser {
    return { ...user, permissions: [...ROLE_PERMISSIONS[user.role]] };
  }

  private async openSession(m: EntityManager, user: AuthenticatedUser, familyId: string, sessionExpiresAt: Date): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    await m.insert(RefreshToken, {
      userId: user.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: sessionExpiresAt,
      sessionExpiresAt,
    });
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, cid: user.comuneId };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: ACCESS_TOKEN_TTL_SECONDS, jwtid: randomUUID() });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user: this.describe(user), refreshToken, sessionExpiresAt };
  }
}
