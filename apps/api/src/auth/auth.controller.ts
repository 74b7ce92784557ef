import { CurrentUser as CurrentUserShape, LoginResponse } from '@coopera/domain';
import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../common/api-problem';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { AllowedDuringTotpEnrollment, Authenticated, Public, WithoutTransaction } from './access.decorator';
import { AccountService } from './account.service';
import { AuthService, Session } from './auth.service';
import { AuthenticatedUser, CurrentUser } from './authenticated-user';
import { CurrentUserDto, LoginResponseDto } from './dto/current-user.dto';
import { ActivateAccountDto, ChangePasswordDto, UpdateProfileDto } from './dto/account.dto';
import { LoginDto } from './dto/login.dto';

export const REFRESH_COOKIE = 'coopera_refresh';
const REFRESH_COOKIE_PATH = '/api/v1/auth';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly account: AccountService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public('signing in')
  @WithoutTransaction()
  @ApiOkResponse({ type: LoginResponseDto, description: 'Signed in; the refresh token is set as an HttpOnly cookie.' })
  @ApiProblems(400, 401, 429)
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    return this.answer(await this.auth.login(dto, request.ip), reply);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public('the refresh cookie is the credential')
  @WithoutTransaction()
  @ApiOkResponse({ type: LoginResponseDto, description: 'A new access token; the refresh cookie is rotated.' })
  @ApiProblems(401, 429)
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponse> {
    try {
      return this.answer(await this.auth.refresh(request.cookies[REFRESH_COOKIE], request.ip), reply);
    } catch (error) {
      this.clearCookie(reply);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @Public('the refresh cookie is the credential')
  @WithoutTransaction()
  @ApiNoContentResponse({ description: 'Signed out: the session is revoked.' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(request.cookies[REFRESH_COOKIE]);
    this.clearCookie(reply);
  }

  @Get('me')
  @Authenticated()
  @AllowedDuringTotpEnrollment()
  @ApiOkResponse({ type: CurrentUserDto })
  me(@CurrentUser() user: AuthenticatedUser): CurrentUserShape {
    return this.auth.describe(user);
  }

  @Patch('me')
  @Authenticated()
  @ApiOkResponse({ type: CurrentUserDto, description: 'The own profile, changed.' })
  @ApiProblems(400)
  async updateProfile(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateProfileDto): Promise<CurrentUserShape> {
    await this.account.updateProfile(user, dto.name);
    return this.auth.describe({ ...user, name: dto.name });
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @AllowedDuringTotpEnrollment()
  @ApiNoContentResponse({ description: 'Changed; every other session of the account is signed out.' })
  @ApiProblems(400, 429)
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() dto: ChangePasswordDto, @Req() request: FastifyRequest): Promise<void> {
    const keep = await this.account.familyOf(request.cookies[REFRESH_COOKIE]);
    await this.account.changePassword(user, dto.currentPassword, dto.newPassword, keep);
  }

  @Post('activate')
  @HttpCode(204)
  @Public('the one-time activation token is the credential')
  @WithoutTransaction()
  @ApiNoContentResponse({ description: 'The password is set: sign in with it.' })
  @ApiProblems(400, 401, 429)
  async activate(@Body() dto: ActivateAccountDto, @Req() request: FastifyRequest): Promise<void> {
    await this.account.activate(dto.token, dto.password, request.ip);
  }

  private answer(session: Session, reply: FastifyReply): LoginResponse {
    void reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.production,
      path: REFRESH_COOKIE_PATH,
      expires: session.sessionExpiresAt,
    });
    void reply.header('cache-control', 'no-store');
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, user: session.user };
  }

  private clearCookie(reply: FastifyReply): void {
    void reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: this.config.production });
  }
}
