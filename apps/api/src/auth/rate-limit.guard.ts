import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { RateLimiter } from './rate-limiter';

/** The global limit per client address, with the IETF `RateLimit-*` headers on every answer. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const result = this.limiter.enforce(`global:${request.ip}`, this.config.rateLimitPerMinute, 60_000);
    void reply
      .header('RateLimit-Limit', result.limit)
      .header('RateLimit-Remaining', result.remaining)
      .header('RateLimit-Reset', result.resetSeconds);
    return true;
  }
}
