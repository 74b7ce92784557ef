import { AuditEvent } from '../audit/audit-event.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { Comune } from '../comuni/comune.entity';
import { User } from '../users/user.entity';

/** Every entity, listed explicitly so that the bundled API needs no file globbing. */
export const ENTITIES = [Comune, User, RefreshToken, AuditEvent];
