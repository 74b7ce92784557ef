/**
 * The e-mail outbox: every message the portal sends is first a row written in the same transaction
 * as the change it announces; a worker delivers it, retrying with backoff.
 */
export const OUTBOX_KINDS = ['CONVOCATION', 'UPDATE', 'CANCELLATION', 'PROMOTION'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** PENDING waits for (another) attempt; SENT was accepted by the SMTP server; FAILED gave up; SKIPPED had nobody to write to. */
export const OUTBOX_STATUSES = ['PENDING', 'SENT', 'FAILED', 'SKIPPED'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxMessage {
  id: string;
  kind: OutboxKind;
  status: OutboxStatus;
  meetingId: string | null;
  meetingTitle: string | null;
  comuneId: string | null;
  comuneName: string | null;
  subject: string;
  /** The addresses it went (or will go) to, resolved at delivery. */
  recipients: string[];
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** `GET /api/v1/outbox/:id`: the message as written, text and attachments' names. */
export interface OutboxMessageDetail extends OutboxMessage {
  text: string;
  attachments: string[];
  /** In demo mode, the file the message was written to (under the data folder). */
  file: string | null;
}

export interface OutboxCounts {
  pending: number;
  sent: number;
  failed: number;
  skipped: number;
}

/** Where delivered mail goes: an SMTP server, a folder (demo), or nowhere yet (queued until configured). */
export const MAIL_TRANSPORT_KINDS = ['smtp', 'folder', 'none'] as const;
export type MailTransportKind = (typeof MAIL_TRANSPORT_KINDS)[number];

export interface OutboxOverview {
  transport: MailTransportKind;
  counts: OutboxCounts;
}
