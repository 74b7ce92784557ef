import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Comune } from './comune.entity';
import { ComuniController } from './comuni.controller';
import { ComuniService } from './comuni.service';

@Module({
  imports: [TypeOrmModule.forFeature([Comune])],
  controllers: [ComuniController],
  providers: [ComuniService],
})
export class ComuniModule {}
