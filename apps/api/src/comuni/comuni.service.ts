import { ComuneSortField, ComuneSummary, Page } from '@coopera/domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { containsPattern } from '../common/query-params';
import { Db } from '../database/db-context';
import { Comune } from './comune.entity';
import { ListComuniQueryDto } from './dto/list-comuni.query';

const SORT_COLUMNS: Record<ComuneSortField, string> = {
  name: 'c.name',
  province: 'c.province',
  population: 'c.population',
  istatCode: 'c.istat_code',
};

@Injectable()
export class ComuniService {
  constructor(private readonly db: Db) {}

  async list(query: ListComuniQueryDto): Promise<Page<ComuneSummary>> {
    const qb = this.db.manager.createQueryBuilder(Comune, 'c');
    if (query.province) qb.andWhere('c.province = :province', { province: query.province });
    if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere('fold_text(c.name) LIKE fold_text(:pattern)', { pattern: containsPattern(query.q) });

    const descending = query.sort.startsWith('-');
    const field = (descending ? query.sort.slice(1) : query.sort) as ComuneSortField;
    qb.orderBy(SORT_COLUMNS[field], descending ? 'DESC' : 'ASC', descending ? 'NULLS LAST' : 'NULLS FIRST');
    // A total order, so that pages never repeat or skip a row.
    if (field !== 'name') qb.addOrderBy('c.name', 'ASC');
    qb.addOrderBy('c.id', 'ASC');

    const [rows, total] = await qb
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<ComuneSummary> {
    const comune = await this.db.manager.findOneBy(Comune, { id });
    if (!comune) throw new NotFoundException(`No Comune with id ${id}.`);
    return toSummary(comune);
  }
}

function toSummary(c: Comune): ComuneSummary {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    province: c.province,
    istatCode: c.istatCode,
    codiceCatastale: c.codiceCatastale,
    population: c.population,
  };
}
