import { Module } from '@nestjs/common';
import { ComuniController } from './comuni.controller';
import { ComuniService } from './comuni.service';

@Module({
  controllers: [ComuniController],
  providers: [ComuniService],
})
export class ComuniModule {}
