import { Page } from '@coopera/domain';
import { Injectable } from '@nestjs/common';
import { containsPattern } from '../common/query-params';
import { Db } from '../database/db-context';
import { ListUsersQueryDto } from './dto/list-users.query';
import { UserSummaryDto } from './dto/user-summary.dto';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(private readonly db: Db) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserSummaryDto>> {
    const qb = this.db.manager.createQueryBuilder(User, 'u').leftJoinAndSelect('u.comune', 'c');
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
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      items: rows.map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        comuneId: u.comuneId,
        comuneName: u.comune?.name ?? null,
        active: u.active,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
