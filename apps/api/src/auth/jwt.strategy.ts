import { ROLES } from '@coopera/domain';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db-context';
import { User } from '../users/user.entity';
import { AccessTokenPayload, AuthenticatedUser, JWT_AUDIENCE, JWT_ISSUER, toAuthenticatedUser } from './authenticated-user';

/**
 * Verifies the access token (HS256 only, issuer, audience, expiry), then reads the account at
 * this very request: a deactivation, or a change of role or Comune, applies at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(payload: AccessTokenPayload): Promise<AuthenticatedUser> {
    if (typeof payload.sub !== 'string' || !ROLES.includes(payload.role)) throw new UnauthorizedException();
    const user = await this.db.run({ userId: payload.sub, role: payload.role, comuneId: payload.cid }, (m) =>
      m.findOne(User, { where: { id: payload.sub }, relations: { comune: true } }),
    );
    if (!user || !user.active) throw new UnauthorizedException('The account is not active.');
    return toAuthenticatedUser(user, this.config.totpRequiredRoles);
  }
}
