import { Module } from '@nestjs/common';
import { EntiGestoriModule } from '../enti-gestori/enti-gestori.module';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  imports: [EntiGestoriModule],
  controllers: [ProjectsController],
  providers: [ProjectsService],
})
export class ProjectsModule {}
