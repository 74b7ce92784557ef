import { AuditAction, CalendarFeed, Role } from '@coopera/domain';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { Clock } from '../clock/clock';
import { sha256 } from '../common/hash';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db-context';
import { feedCalendar } from './calendar';
import { MeetingsService } from './meetings.service';

const FEED_HISTORY_MS = 365 * 24 * 3_600_000;
/** 32 random bytes, base64url. */
export const FEED_TOKEN_PATTERN = /^([A-Za-z0-9_-]{43})\.ics$/;

/**
 * Personal calendar feeds: a URL with a token of its own (never the session's), which calendar
 * applications poll without signing in. The token acts for its user with the user's current rights,
 * so a deactivated account or a revoked token stops the feed at once.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mine(user: AuthenticatedUser): Promise<CalendarFeed> {
    const [row] = await this.db.manager.query<{ createdAt: Date; lastUsedAt: Date | null }[]>(
      `SELECT created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM calendar_feeds WHERE user_id = $1`,
      [user.id],
    );
    return { active: !!row, createdAt: iso(row?.createdAt), lastUsedAt: iso(row?.lastUsedAt), url: null };
  }

  /** A new address; the previous one, if any, stops working. The token is in this answer only. */
  async create(user: AuthenticatedUser): Promise<CalendarFeed> {
    const token = randomBytes(32).toString('base64url');
    await this.db.manager.query(
      `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now(), last_used_at = NULL`,
      [user.id, sha256(token)],
    );
    await this.record('calendar-feed.create', user);
    return { ...(await this.mine(user)), url: `${this.config.publicUrl}/api/v1/calendar-feeds/${token}.ics` };
  }

  async revoke(user: AuthenticatedUser): Promise<void> {
    await this.db.manager.query(`DELETE FROM calendar_feeds WHERE user_id = $1`, [user.id]);
    await this.record('calendar-feed.revoke', user);
  }

  /** The feed of the token's owner, read with the owner's rights; an unknown token is a 404. */
  async feed(token: string): Promise<string> {
    const [owner] = await this.db.run({ purpose: 'calendar-feed' }, (m) =>
      m.query<{ id: string; role: Role; comuneId: string | null; name: string }[]>(
        `WITH used AS (UPDATE calendar_feeds SET last_used_at = now() WHERE token_hash = $1 RETURNING user_id)
         SELECT u.id, u.role, u.comune_id AS "comuneId", u.name FROM used JOIN users u ON u.id = used.user_id WHERE u.active`,
        [sha256(token)],
      ),
    );
    if (!owner) throw new NotFoundException('No calendar feed at this address: it may have been replaced or turned off.');
    const now = this.clock.now();
    const events = await this.db.run({ userId: owner.id, role: owner.role, comuneId: owner.comuneId }, () =>
      this.meetings.calendarEvents(owner, new Date(now.getTime() - FEED_HISTORY_MS)),
    );
    return feedCalendar(`Coopera — incontri di ${owner.name}`, events, { publicUrl: this.config.publicUrl, host: new URL(this.config.publicUrl).hostname, now });
  }

  private record(action: AuditAction, user: AuthenticatedUser): Promise<void> {
    return this.audit.record({ action, actorId: user.id, actorRole: user.role, comuneId: user.comuneId, entityType: 'user', entityId: user.id });
  }
}

function iso(date: Date | null | undefined): string | null {
  return date ? new Date(date).toISOString() : null;
}
