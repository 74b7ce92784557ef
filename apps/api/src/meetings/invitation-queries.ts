import { Invitation, InvitationCounts } from '@coopera/domain';
import { Db } from '../database/db-context';

// Invitation reads shared by the meeting page and the invitations routes. They run under the
// 'seat-allocation' purpose because the waiting position and the counts look at every Comune's
// answer: figures only; which rows a reader gets is the callers' filter.

export const INVITATION_COLUMNS = `
  i.id, i.meeting_id AS "meetingId", i.comune_id AS "comuneId", c.name AS "comuneName", i.status, i.delegates,
  i.answered_at AS "answeredAt", i.answered_by_name AS "answeredByName", i.promoted_at AS "promotedAt", i.version,
  i.present, i.present_delegates AS "presentDelegates",
  CASE WHEN i.status = 'WAITING' THEN (
    SELECT count(*)::int FROM meeting_invitations w
    WHERE w.meeting_id = i.meeting_id AND w.status = 'WAITING' AND (w.waiting_since, w.id) <= (i.waiting_since, i.id)
  ) END AS "waitingPosition"`;
export const INVITATION_FROM = `FROM meeting_invitations i JOIN comuni c ON c.id = i.comune_id`;

export type InvitationRow = Omit<Invitation, 'answeredAt' | 'promotedAt'> & { answeredAt: Date | null; promotedAt: Date | null };

export function toInvitation(row: InvitationRow): Invitation {
  return {
    ...row,
    answeredAt: row.answeredAt ? new Date(row.answeredAt).toISOString() : null,
    promotedAt: row.promotedAt ? new Date(row.promotedAt).toISOString() : null,
  };
}

/** The one invitation matching `where` (on alias `i`), or null. */
export async function invitationWhere(db: Db, where: string, params: unknown[]): Promise<Invitation | null> {
  const rows: InvitationRow[] = await db.withPurpose('seat-allocation', (m) =>
    m.query(`SELECT ${INVITATION_COLUMNS} ${INVITATION_FROM} WHERE ${where}`, params),
  );
  return rows[0] ? toInvitation(rows[0]) : null;
}

export async function invitationCounts(db: Db, meetingId: string): Promise<InvitationCounts> {
  const [row] = await db.withPurpose('seat-allocation', (m) =>
    m.query<InvitationCounts[]>(
      `SELECT count(*)::int AS invited,
              count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'ATTENDING')::int AS attending,
              count(*) FILTER (WHERE status = 'WAITING')::int AS waiting,
              count(*) FILTER (WHERE status = 'DECLINED')::int AS declined
       FROM meeting_invitations WHERE meeting_id = $1`,
      [meetingId],
    ),
  );
  return row ?? { invited: 0, pending: 0, attending: 0, waiting: 0, declined: 0 };
}
