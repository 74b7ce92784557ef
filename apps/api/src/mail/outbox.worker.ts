import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db-context';
import { OutboxAttachment } from './outbox.entity';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';

const BATCH = 10;
/** Longer than the SMTP timeouts: a message is only taken over from a worker that died. */
const LEASE = `interval '5 minutes'`;
const MAX_DELAY_MS = 3_600_000;

interface ClaimedMessage {
  id: string;
  subject: string;
  text: string;
  attachments: OutboxAttachment[];
  attempts: number;
  recipients: string[];
}

/**
 * Delivers the outbox: claims due messages with `FOR UPDATE SKIP LOCKED` and a lease (so two API
 * processes never take the same message), sends each, and records the outcome. A failure is
 * retried after a delay that doubles each time; after `MAIL_MAX_ATTEMPTS` the message is FAILED.
 * Each message carries a stable Message-ID (its outbox id), so that a receiver can recognise the
 * one duplicate a crash between "accepted by SMTP" and "recorded as sent" could cause.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxWorker');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  onApplicationBootstrap(): void {
    if (this.transport.kind === 'none') {
      this.logger.warn('No SMTP_URL: e-mails are queued in the outbox and sent once it is configured.');
      return;
    }
    this.schedule();
  }

  /** Stops after the message being sent; messages claimed but not yet sent are released. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  /** Delivers every due message now; returns how many were settled (sent, skipped or failed). */
  async drain(): Promise<number> {
    let settled = 0;
    for (;;) {
      if (this.stopped) return settled;
      const batch = await this.claim();
      for (const [index, message] of batch.entries()) {
        if (this.stopped) {
          await this.release(batch.slice(index).map((m) => m.id));
          return settled;
        }
        await this.deliver(message);
        settled += 1;
      }
      if (batch.length < BATCH) return settled;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((error: unknown) => this.logger.warn(`Outbox pass failed, will try again: ${describe(error)}`))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.config.mailPollMs);
    this.timer.unref();
  }

  private claim(): Promise<ClaimedMessage[]> {
    return this.db.run({ purpose: 'mail-delivery' }, (m) =>
      m.query<ClaimedMessage[]>(
        `WITH due AS (
           SELECT id FROM mail_outbox
           WHERE status = 'PENDING' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
           ORDER BY next_attempt_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED),
         claimed AS (
           UPDATE mail_outbox o SET locked_until = now() + ${LEASE}, attempts = o.attempts + 1
           FROM due WHERE o.id = due.id
           RETURNING o.id, o.comune_id, o.subject, o.text_body, o.attachments, o.attempts, o.next_attempt_at, o.created_at)
         SELECT c.id, c.subject, c.text_body AS text, c.attachments, c.attempts,
                coalesce((SELECT jsonb_agg(u.email ORDER BY u.email) FROM users u
                          WHERE u.comune_id = c.comune_id AND u.role = 'COMUNE_REFERENT' AND u.active), '[]') AS recipients
         FROM claimed c ORDER BY c.next_attempt_at, c.created_at`,
        [BATCH],
      ),
    );
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    if (!message.recipients.length) {
      await this.settle(message.id, `status = 'SKIPPED', last_error = $2`, ['Il Comune non ha referenti attivi a cui scrivere.']);
      return;
    }
    try {
      const receipt = await this.transport.send(
        {
          messageId: `<outbox-${message.id}@${new URL(this.config.publicUrl).hostname}>`,
          from: this.config.mailFrom,
          to: message.recipients,
          subject: message.subject,
          text: message.text,
          headers: { 'Auto-Submitted': 'auto-generated' },
          attachments: message.attachments.map((a) => ({ filename: a.fileName, content: a.content, contentType: a.contentType })),
        },
        message.id,
      );
      await this.settle(message.id, `status = 'SENT', sent_at = now(), recipients = $2::jsonb, file = $3, last_error = NULL`, [
        JSON.stringify(message.recipients),
        receipt.file,
      ]);
    } catch (error) {
      const delayMs = Math.min(this.config.mailRetryBaseMs * 2 ** (message.attempts - 1), MAX_DELAY_MS);
      const gaveUp = message.attempts >= this.config.mailMaxAttempts;
      this.logger.warn(`Message ${message.id}, attempt ${message.attempts}: ${describe(error)}${gaveUp ? ' — giving up' : ''}`);
      await this.settle(
        message.id,
        `status = $2::outbox_status, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000), last_error = $4, recipients = $5::jsonb`,
        [gaveUp ? 'FAILED' : 'PENDING', delayMs, describe(error).slice(0, 1000), JSON.stringify(message.recipients)],
      );
    }
  }

  private settle(id: string, set: string, params: unknown[]): Promise<unknown> {
    return this.db.run({ purpose: 'mail-delivery' }, (m) => m.query(`UPDATE mail_outbox SET ${set}, locked_until = NULL WHERE id = $1`, [id, ...params]));
  }

  private release(ids: string[]): Promise<unknown> {
    return this.db.run({ purpose: 'mail-delivery' }, (m) =>
      m.query(`UPDATE mail_outbox SET locked_until = NULL, attempts = attempts - 1 WHERE id = ANY($1::uuid[])`, [ids]),
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
