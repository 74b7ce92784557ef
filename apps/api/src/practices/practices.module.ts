import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { PracticesController } from './practices.controller';
import { PracticesService } from './practices.service';

@Module({
  imports: [FilesModule],
  controllers: [PracticesController],
  providers: [PracticesService],
})
export class PracticesModule {}
