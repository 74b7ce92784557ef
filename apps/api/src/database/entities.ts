import { AuditEvent } from '../audit/audit-event.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { IdempotencyKeyRecord } from '../common/idempotency.entity';
import { Comune } from '../comuni/comune.entity';
import { ComuneProfileRecord } from '../comuni/comune-profile.entity';
import { EnteGestoreRecord } from '../enti-gestori/ente-gestore.entity';
import { OutboxRecord } from '../mail/outbox.entity';
import { CalendarFeedRecord } from '../meetings/calendar-feed.entity';
import { MeetingDocumentRecord } from '../meetings/document.entity';
import { InvitationRecord } from '../meetings/invitation.entity';
import { AgendaItemRecord, MeetingRecord } from '../meetings/meeting.entity';
import { MembershipEventRecord, MembershipRecord } from '../memberships/membership.entity';
import {
  ProjectAssociatedComune,
  ProjectEnteGestoreRecord,
  ProjectExpansionRecord,
  ProjectExtensionRecord,
} from '../projects/project-parts.entity';
import { PracticeRecord } from '../practices/practice.entity';
import { ProjectRecord } from '../projects/project.entity';
import { User } from '../users/user.entity';
import { WorkingGroupMemberRecord, WorkingGroupRecord } from '../working-groups/working-group.entity';

/** Every entity, listed explicitly so that the bundled API needs no file globbing. */
export const ENTITIES = [
  Comune,
  User,
  RefreshToken,
  AuditEvent,
  ComuneProfileRecord,
  EnteGestoreRecord,
  ProjectRecord,
  ProjectAssociatedComune,
  ProjectExpansionRecord,
  ProjectExtensionRecord,
  ProjectEnteGestoreRecord,
  MembershipRecord,
  MembershipEventRecord,
  WorkingGroupRecord,
  WorkingGroupMemberRecord,
  MeetingRecord,
  AgendaItemRecord,
  InvitationRecord,
  IdempotencyKeyRecord,
  OutboxRecord,
  MeetingDocumentRecord,
  CalendarFeedRecord,
  PracticeRecord,
];
