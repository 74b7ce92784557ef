import { MEETING_TIME_ZONE, MeetingDetail, OutboxKind } from '@coopera/domain';
import { meetingCalendar } from '../meetings/calendar';
import { OutboxAttachment } from './outbox.entity';

export interface ComposedMail {
  subject: string;
  text: string;
  attachments: OutboxAttachment[];
}

export interface MailContext {
  publicUrl: string;
  host: string;
  now: Date;
}

const day = new Intl.DateTimeFormat('it-IT', { timeZone: MEETING_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const time = new Intl.DateTimeFormat('it-IT', { timeZone: MEETING_TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const MODES: Record<MeetingDetail['mode'], string> = { ONLINE: 'online', IN_PERSON: 'in presenza', HYBRID: 'in presenza e online' };

/**
 * The Italian e-mail announcing a meeting to one Comune's referents: the programme as the seed
 * printed it (times on the left, speakers under each title), the page to answer from, the .ics.
 */
export function composeMeetingMail(kind: OutboxKind, meeting: MeetingDetail, comuneName: string, context: MailContext): ComposedMail {
  const page = `${context.publicUrl}/incontri/${meeting.id}`;
  const when = `${day.format(new Date(meeting.startsAt))}, dalle ${time.format(new Date(meeting.startsAt))} alle ${time.format(new Date(meeting.endsAt))} (ora italiana)`;
  const opening = {
    CONVOCATION: ['la Segreteria del coordinamento dei Comuni SAI di ANCI Sicilia convoca il Suo Comune a:'],
    UPDATE: ["l'incontro a cui il Suo Comune è invitato è stato modificato. Ecco i dettagli aggiornati:"],
    CANCELLATION: [`l'incontro seguente è stato annullato.`, ...(meeting.cancelledReason ? [`Motivo: ${meeting.cancelledReason}`] : [])],
    PROMOTION: ["si è liberato un posto: il Suo Comune, che era in lista d'attesa, è ora tra i partecipanti a:"],
  }[kind];
  const call = {
    CONVOCATION: `Indichi entro l'inizio dell'incontro se il Comune parteciperà e con quali delegati (fino a cinque):\n${page}`,
    UPDATE: `La risposta già data resta valida; può modificarla fino all'inizio dell'incontro:\n${page}`,
    CANCELLATION: `Il calendario allegato rimuove l'evento. Dettagli: ${page}`,
    PROMOTION: `Se il Comune non potesse più partecipare, lo indichi qui, per liberare il posto:\n${page}`,
  }[kind];
  const text = [
    `Gentile referente del Comune di ${comuneName},`,
    '',
    ...opening,
    '',
    meeting.title,
    when,
    `Modalità: ${MODES[meeting.mode]}`,
    ...(meeting.place ? [`Luogo: ${meeting.place}`] : []),
    ...(meeting.onlineUrl ? [`Collegamento: ${meeting.onlineUrl}`] : []),
    ...(meeting.description ? ['', meeting.description] : []),
    ...(kind !== 'CANCELLATION' && meeting.agenda.length ? ['', 'PROGRAMMA', ...programme(meeting)] : []),
    '',
    call,
    '',
    'Cordiali saluti,',
    'Segreteria del coordinamento dei Comuni SAI — ANCI Sicilia',
    '',
    '—',
    'Messaggio inviato da Coopera. Non inserire dati personali dei beneficiari nelle risposte.',
  ].join('\n');
  const subject = {
    CONVOCATION: 'Convocazione',
    UPDATE: 'Aggiornamento',
    CANCELLATION: 'Annullato',
    PROMOTION: 'Posto confermato',
  }[kind];
  const ics = meetingCalendar(meeting, { publicUrl: context.publicUrl, now: context.now, host: context.host });
  return {
    subject: `${subject}: ${meeting.title} — ${day.format(new Date(meeting.startsAt))}`.slice(0, 300),
    text,
    attachments: [{ fileName: 'invito.ics', contentType: `text/calendar; charset=utf-8; method=${meeting.status === 'CANCELLED' ? 'CANCEL' : 'PUBLISH'}`, content: ics }],
  };
}

function programme(meeting: MeetingDetail): string[] {
  return meeting.agenda.flatMap((item) => [
    `${time.format(new Date(item.startsAt))}  ${item.title}`,
    ...item.speakers.map((s) => `       ${[s.name, s.role, s.organisation].filter(Boolean).join(', ')}`),
  ]);
}
