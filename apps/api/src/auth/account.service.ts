import { Injectable, UnauthorizedException } from '@nestjs/common';
import { IsNull, MoreThan, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { sha256 } from '../common/hash';
import { ValidationProblem } from '../common/problem';
import { Db } from '../database/db-context';
import { User } from '../users/user.entity';
import { AuthenticatedUser } from './authenticated-user';
import { PasswordService } from './password.service';
import { RateLimiter } from './rate-limiter';
import { RefreshToken } from './refresh-token.entity';

/** What users do to their own account: activate it, change their password and name. */
@Injectable()
export class AccountService {
  constructor(
    private readonly db: Db,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
  ) {}

  /** Sets the first password through the one-time link; the link then stops working. */
  async activate(token: string, password: string, ip: string): Promise<void> {
    this.limiter.enforce(`activate:ip:${ip}`, 20, 15 * 60 * 1000);
    await this.db.run({ purpose: 'authenticate' }, async (m) => {
      const user = await m.findOne(User, {
        where: { activationTokenHash: sha256(token), activationExpiresAt: MoreThan(new Date()), active: true },
      });
      if (!user) throw new UnauthorizedException('The activation link is invalid or has expired: ask an administrator for a new one.');
      this.assertStrong(password, user.email, 'password');
      await m.update(User, { id: user.id }, {
        passwordHash: await this.passwords.hash(password),
        activationTokenHash: null,
        activationExpiresAt: null,
      });
      await this.audit.record({ action: 'user.activate', actorId: user.id, actorRole: user.role, comuneId: user.comuneId, entityType: 'user', entityId: user.id, ip });
    });
  }

  /** Changes the password and signs out every other session of the account. */
  async changePassword(user: AuthenticatedUser, current: string, next: string, keepFamily: string | null): Promise<void> {
    this.limiter.enforce(`password:account:${user.id}`, 10, 15 * 60 * 1000);
    const stored = await this.db.manager.findOne(User, { where: { id: user.id }, select: { id: true, passwordHash: true } });
    if (!(await this.passwords.verify(stored?.passwordHash ?? null, current))) {
      throw new ValidationProblem([{ name: 'currentPassword', reason: 'is not the current password' }]);
    }
    this.assertStrong(next, user.email, 'newPassword');
    if (next === current) throw new ValidationProblem([{ name: 'newPassword', reason: 'must differ from the current password' }]);
    await this.db.manager.update(User, { id: user.id }, { passwordHash: await this.passwords.hash(next) });
    await this.db.manager.update(
      RefreshToken,
      { userId: user.id, revokedAt: IsNull(), ...(keepFamily ? { familyId: Not(keepFamily) } : {}) },
      { revokedAt: () => 'now()' },
    );
    await this.audit.record({ action: 'user.password.change', actorId: user.id, actorRole: user.role, comuneId: user.comuneId, entityType: 'user', entityId: user.id });
  }

  async updateProfile(user: AuthenticatedUser, name: string): Promise<void> {
    await this.db.manager.update(User, { id: user.id }, { name });
    await this.audit.record({
      action: 'user.profile.update',
      actorId: user.id,
      actorRole: user.role,
      comuneId: user.comuneId,
      entityType: 'user',
      entityId: user.id,
      changes: { name: { before: user.name, after: name } },
    });
  }

  /** The family of the session whose refresh token is presented, to keep it signed in. */
  async familyOf(refreshToken: string | undefined): Promise<string | null> {
    if (!refreshToken) return null;
    const token = await this.db.manager.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) } });
    return token?.familyId ?? null;
  }

  private assertStrong(password: string, email: string, field: string): void {
    const weakness = this.passwords.weakness(password, email);
    if (weakness) throw new ValidationProblem([{ name: field, reason: weakness }]);
  }
}
