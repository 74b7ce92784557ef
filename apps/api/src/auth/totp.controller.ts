import { TotpEnabled, TotpSetup } from '@coopera/domain';
import { Body, ConflictException, Controller, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { ApiProblems } from '../common/api-problem';
import { Db } from '../database/db-context';
import { User } from '../users/user.entity';
import { AllowedDuringTotpEnrollment, Authenticated } from './access.decorator';
import { AuthenticatedUser, CurrentUser } from './authenticated-user';
import { TotpService } from './totp.service';

class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'must be the 6-digit code of the authenticator app' })
  code: string;
}

class TotpSetupDto implements TotpSetup {
  @ApiProperty({ description: 'Base32 key, to type in when the QR code cannot be scanned.' })
  secret: string;

  @ApiProperty()
  otpauthUrl: string;

  @ApiProperty({ description: 'The otpauth URL as a QR code (data:image/svg+xml).' })
  qrCode: string;
}

class TotpEnabledDto implements TotpEnabled {
  @ApiProperty({ type: [String], description: 'Ten single-use codes, shown only now.' })
  recoveryCodes: string[];
}

/** Second-factor enrolment of the signed-in user. */
@ApiTags('auth')
@Controller('v1/auth/totp')
@Authenticated()
@AllowedDuringTotpEnrollment()
export class TotpController {
  constructor(
    private readonly db: Db,
    private readonly totp: TotpService,
    private readonly audit: AuditService,
  ) {}

  @Post('setup')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpSetupDto, description: 'A new pending key; it takes effect once a code is confirmed.' })
  @ApiProblems(409)
  async setup(@CurrentUser() user: AuthenticatedUser): Promise<TotpSetup> {
    if (user.totpEnabled) throw new ConflictException('The second factor is already active.');
    const secret = this.totp.newSecret();
    await this.db.manager.update(User, { id: user.id }, { totpSecret: secret, totpEnabledAt: null });
    const otpauthUrl = this.totp.otpauthUrl(secret, user.email);
    return { secret, otpauthUrl, qrCode: await this.totp.qrCodeDataUrl(otpauthUrl) };
  }

  @Post('enable')
  @HttpCode(200)
  @ApiOkResponse({ type: TotpEnabledDto })
  @ApiProblems(400, 401, 409)
  async enable(@CurrentUser() user: AuthenticatedUser, @Body() body: TotpCodeDto): Promise<TotpEnabled> {
    if (user.totpEnabled) throw new ConflictException('The second factor is already active.');
    const stored = await this.db.manager.findOne(User, { where: { id: user.id }, select: { id: true, totpSecret: true } });
    if (!stored?.totpSecret) throw new ConflictException('Start the set-up first (POST /api/v1/auth/totp/setup).');
    const accepted = this.totp.check(stored.totpSecret, body.code, null);
    if (!accepted) throw new UnauthorizedException('Wrong code: check the clock of the device and try again.');
    const { codes, hashes } = this.totp.newRecoveryCodes();
    await this.db.manager.update(
      User,
      { id: user.id },
      { totpEnabledAt: new Date(), totpLastCounter: String(accepted.counter), totpRecoveryHashes: hashes },
    );
    await this.audit.record({
      action: 'auth.totp.enabled',
      actorId: user.id,
      actorRole: user.role,
      comuneId: user.comuneId,
      entityType: 'user',
      entityId: user.id,
    });
    return { recoveryCodes: codes };
  }
}
