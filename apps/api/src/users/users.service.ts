import { CreateUserResponse, Page, Role, UserSummary } from '@coopera/domain';
import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { IsNull } from 'typeorm';
import { diff } from '../audit/diff';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { RefreshToken } from '../auth/refresh-token.entity';
import { sha256 } from '../common/hash';
import { StaleVersion, ValidationProblem } from '../common/problem';
import { containsPattern } from '../common/query-params';
import { Comune } from '../comuni/comune.entity';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db-context';
import { ListUsersQueryDto } from './dto/list-users.query';
import { CreateUserDto, UpdateUserDto } from './dto/user-writes.dto';
import { User } from './user.entity';

export const ACTIVATION_TTL_MS = 72 * 60 * 60 * 1000;

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserSummary>> {
    const qb = this.summaries();
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.comuneId) qb.andWhere('u.comune_id = :comuneId', { comuneId: query.comuneId });
    if (query.q) {
      qb.andWhere('(fold_text(u.name) LIKE fold_text(:pattern) OR u.email LIKE lower(:pattern))', {
        pattern: containsPattern(query.q),
      });
    }
    const [rows, total] = await qb
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      // offset/limit, not skip/take: the join is many-to-one, so TypeORM's extra query for the
      // page's distinct ids (one more statement, on some pages only) is not needed.
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<UserSummary> {
    const user = await this.summaries().where('u.id = :id', { id }).getOne();
    if (!user) throw new NotFoundException(`No account with id ${id}.`);
    return toSummary(user);
  }

  async create(dto: CreateUserDto, actor: AuthenticatedUser): Promise<CreateUserResponse> {
    const email = dto.email.toLowerCase();
    const comuneId = await this.checkRoleAndComune(dto.role, dto.comuneId ?? null);
    if (await this.db.manager.exists(User, { where: { email } })) {
      throw new ConflictException(`An account with e-mail ${email} already exists.`);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ACTIVATION_TTL_MS);
    const { identifiers } = await this.db.manager.insert(User, {
      email,
      name: dto.name,
      role: dto.role,
      comuneId,
      activationTokenHash: sha256(token),
      activationExpiresAt: expiresAt,
    });
    const id = String(identifiers[0]?.['id']);
    await this.audit.record({
      action: 'user.create',
      actorId: actor.id,
      actorRole: actor.role,
      comuneId,
      entityType: 'user',
      entityId: id,
      changes: diff({}, { email, name: dto.name, role: dto.role, comuneId }),
    });
    const activationUrl = `${this.config.publicUrl}/attiva?token=${token}`;
    // Without an e-mail service yet, demo mode logs the link as well as showing it to the admin.
    if (this.config.demo) this.logger.log(`Activation link for ${email}: ${activationUrl}`);
    return {
      user: await this.get(id),
      activationUrl,
      activationExpiresAt: expiresAt.toISOString(),
    };
  }

  /** A versioned change: of two writers that saw the same version, exactly one wins. */
  async update(id: string, dto: UpdateUserDto, actor: AuthenticatedUser): Promise<UserSummary> {
    const current = await this.get(id);
    const role = dto.role ?? current.role;
    const requestedComune = dto.comuneId !== undefined ? dto.comuneId : role === 'COMUNE_REFERENT' ? current.comuneId : null;
    const comuneId = await this.checkRoleAndComune(role, requestedComune);
    const next = { name: dto.name ?? current.name, role, comuneId, active: dto.active ?? current.active };
    const result = await this.db.manager
      .createQueryBuilder()
      .update(User)
      .set({ ...next, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version: dto.version })
      .execute();
    if (result.affected !== 1) {
      const latest = await this.db.manager.findOne(User, { select: { version: true }, where: { id } });
      throw new StaleVersion('The account', latest?.version ?? current.version);
    }
    if (!next.active) {
      // Signed out everywhere at once; their access token already fails at the next request.
      await this.db.manager.update(RefreshToken, { userId: id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    }
    await this.audit.record({
      action: 'user.update',
      actorId: actor.id,
      actorRole: actor.role,
      comuneId: comuneId ?? current.comuneId,
      entityType: 'user',
      entityId: id,
      changes: diff(
        { name: current.name, role: current.role, comuneId: current.comuneId, active: current.active },
        next,
      ),
    });
    return this.get(id);
  }

  /** Referents belong to exactly one Comune; the other roles to none. Answers the Comune id. */
  private async checkRoleAndComune(role: Role, comuneId: string | null): Promise<string | null> {
    if (role !== 'COMUNE_REFERENT') {
      if (comuneId) throw new ValidationProblem([{ name: 'comuneId', reason: `must be empty for role ${role}` }]);
      return null;
    }
    if (!comuneId) throw new ValidationProblem([{ name: 'comuneId', reason: 'is required for a Comune referent' }]);
    if (!(await this.db.manager.exists(Comune, { where: { id: comuneId } }))) {
      throw new ValidationProblem([{ name: 'comuneId', reason: 'is not a Comune of the network' }]);
    }
    return comuneId;
  }

  private summaries() {
    return this.db.manager
      .createQueryBuilder(User, 'u')
      .leftJoinAndSelect('u.comune', 'c')
      .addSelect('u.passwordHash');
  }
}

function toSummary(u: User): UserSummary {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    comuneId: u.comuneId,
    comuneName: u.comune?.name ?? null,
    active: u.active,
    activated: u.passwordHash !== null,
    totpEnabled: u.totpEnabledAt !== null,
    version: u.version,
  };
}
