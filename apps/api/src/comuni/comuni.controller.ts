import { ComuneSummary, Page } from '@coopera/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorator';
import { ApiProblems } from '../common/api-problem';
import { UuidParam } from '../common/uuid-param';
import { ComuniService } from './comuni.service';
import { ComuneDto, ComuniPageDto } from './dto/comune.dto';
import { ListComuniQueryDto } from './dto/list-comuni.query';

@ApiTags('comuni')
@Controller('v1/comuni')
@Public('the directory holds only public ISTAT reference data')
export class ComuniController {
  constructor(private readonly comuni: ComuniService) {}

  @Get()
  @ApiOkResponse({ type: ComuniPageDto, description: 'The network directory, one page of it.' })
  @ApiProblems(400)
  list(@Query() query: ListComuniQueryDto): Promise<Page<ComuneSummary>> {
    return this.comuni.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ComuneDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<ComuneSummary> {
    return this.comuni.get(id);
  }
}
