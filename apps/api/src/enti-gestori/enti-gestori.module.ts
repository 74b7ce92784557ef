import { Module } from '@nestjs/common';
import { EntiGestoriController } from './enti-gestori.controller';
import { EntiGestoriService } from './enti-gestori.service';

@Module({
  controllers: [EntiGestoriController],
  providers: [EntiGestoriService],
  exports: [EntiGestoriService],
})
export class EntiGestoriModule {}
