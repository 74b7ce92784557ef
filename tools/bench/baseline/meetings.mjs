// GET /api/v1/meetings/:id for a network role (meetings:read-all), as
// apps/api/src/meetings/meetings.service.ts `get` and invitation-queries.ts do it: the meeting,
// its agenda, and the invitation counts under the 'seat-allocation' purpose.
import { withPurpose } from './db.mjs';
import { AGENDA_ITEMS } from './typeorm-sql.mjs';
import { NotFound } from './projects.mjs';

const MEETING = `SELECT 
  m.id, m.title, m.description, m.starts_at AS "startsAt", m.ends_at AS "endsAt", m.mode, m.place,
  m.online_url AS "onlineUrl", m.seat_limit AS "seatLimit", m.working_group_id AS "workingGroupId",
  g.name AS "workingGroupName", m.status, m.cancelled_reason AS "cancelledReason", m.version,
  m.created_at AS "createdAt", m.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM meeting_agenda_items a WHERE a.meeting_id = m.id) AS "agendaItemCount" FROM meetings m LEFT JOIN working_groups g ON g.id = m.working_group_id WHERE m.id = $1`;

const INVITATION_COUNTS = `SELECT count(*)::int AS invited,
              count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'ATTENDING')::int AS attending,
              count(*) FILTER (WHERE status = 'WAITING')::int AS waiting,
              count(*) FILTER (WHERE status = 'DECLINED')::int AS declined
       FROM meeting_invitations WHERE meeting_id = $1`;

const READ_ALL = new Set(['ADMIN', 'SECRETARIAT', 'SERVIZIO_CENTRALE']);

export class NotSupported extends Error {}

export async function getMeeting(client, id, reader) {
  // A referent's view adds their own invitation (another statement): not what the bench measures.
  if (!READ_ALL.has(reader.role) || reader.comuneId) throw new NotSupported('the baseline serves meetings to network roles only');
  const row = (await client.query(MEETING, [id])).rows[0];
  if (!row) throw new NotFound(`No meeting with id ${id}.`);
  const items = (await client.query(AGENDA_ITEMS, [id])).rows;
  const counts = await withPurpose(client, 'seat-allocation', async () => (await client.query(INVITATION_COUNTS, [id])).rows[0]);
  // toMeeting(): the row as it comes, its four instants as ISO text in place.
  row.startsAt = row.startsAt.toISOString();
  row.endsAt = row.endsAt.toISOString();
  row.createdAt = row.createdAt.toISOString();
  row.updatedAt = row.updatedAt.toISOString();
  row.agenda = items.map((i) => ({
    id: i.AgendaItemRecord_id,
    kind: i.AgendaItemRecord_kind,
    title: i.AgendaItemRecord_title,
    startsAt: i.AgendaItemRecord_starts_at.toISOString(),
    durationMinutes: i.AgendaItemRecord_duration_minutes,
    speakers: i.AgendaItemRecord_speakers,
  }));
  row.invitationCounts = counts ?? { invited: 0, pending: 0, attending: 0, waiting: 0, declined: 0 };
  row.myInvitation = null;
  return row;
}
