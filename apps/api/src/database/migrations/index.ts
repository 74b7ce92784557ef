import { Init1764134400000 } from './1764134400000-init';
import { Identity1764220800000 } from './1764220800000-identity';
import { SecondFactor1764307200000 } from './1764307200000-second-factor';
import { AccountActivation1764393600000 } from './1764393600000-account-activation';
import { Registry1764480000000 } from './1764480000000-registry';
import { Meetings1764566400000 } from './1764566400000-meetings';
import { MeetingRecords1764652800000 } from './1764652800000-meeting-records';
import { IdempotencyKeys1764739200000 } from './1764739200000-idempotency-keys';
import { MailDocumentsFeeds1764825600000 } from './1764825600000-mail-documents-feeds';
import { Practices1764912000000 } from './1764912000000-practices';
import { Statistics1764998400000 } from './1764998400000-statistics';
import { AuditFilters1765084800000 } from './1765084800000-audit-filters';
import { ItalianProvinces1765171200000 } from './1765171200000-italian-provinces';
import { AuthAccount1765257600000 } from './1765257600000-auth-account';
import { DirectoryAggregates1765344000000 } from './1765344000000-directory-aggregates';
import { AuthAccountPlpgsql1765430400000 } from './1765430400000-auth-account-plpgsql';

/** Every migration in order, listed explicitly so that the bundled API needs no file globbing. */
export const MIGRATIONS = [Init1764134400000, Identity1764220800000, SecondFactor1764307200000, AccountActivation1764393600000, Registry1764480000000, Meetings1764566400000, MeetingRecords1764652800000, IdempotencyKeys1764739200000, MailDocumentsFeeds1764825600000, Practices1764912000000, Statistics1764998400000, AuditFilters1765084800000, ItalianProvinces1765171200000, AuthAccount1765257600000, DirectoryAggregates1765344000000, AuthAccountPlpgsql1765430400000];
