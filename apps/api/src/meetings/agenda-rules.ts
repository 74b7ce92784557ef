import { AgendaItemInput, agendaItemEnd, InvalidParam } from '@coopera/domain';

/**
 * The programme must fit the meeting and never overlap: each item starts inside the meeting,
 * after the previous one, and ends (with its duration) by the next one's start and the meeting's
 * end. Items may come in any order; errors name them by their index in the request.
 */
export function checkAgenda(meeting: { startsAt: string; endsAt: string }, items: readonly AgendaItemInput[]): InvalidParam[] {
  const errors: InvalidParam[] = [];
  const start = Date.parse(meeting.startsAt);
  const end = Date.parse(meeting.endsAt);
  items.forEach((item, i) => {
    const at = Date.parse(item.startsAt);
    if (at < start || at >= end) errors.push({ name: `items.${i}.startsAt`, reason: `must fall within the meeting (${meeting.startsAt} – ${meeting.endsAt})` });
  });
  const ordered = items.map((item, index) => ({ item, index })).sort((a, b) => Date.parse(a.item.startsAt) - Date.parse(b.item.startsAt));
  const sortedItems = ordered.map((o) => o.item);
  ordered.forEach(({ item, index }, k) => {
    const next = ordered[k + 1];
    if (next && Date.parse(next.item.startsAt) === Date.parse(item.startsAt)) {
      errors.push({ name: `items.${next.index}.startsAt`, reason: `starts at the same time as item ${index}` });
    }
    if (item.durationMinutes) {
      const itemEnd = Date.parse(agendaItemEnd(sortedItems, k, meeting.endsAt));
      if (next && itemEnd > Date.parse(next.item.startsAt)) {
        errors.push({ name: `items.${index}.durationMinutes`, reason: `overlaps item ${next.index}, which starts at ${next.item.startsAt}` });
      } else if (itemEnd > end) {
        errors.push({ name: `items.${index}.durationMinutes`, reason: `ends after the meeting (${meeting.endsAt})` });
      }
    }
  });
  return errors;
}

/** The items in programme order. */
export function inProgrammeOrder<T extends { startsAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}
