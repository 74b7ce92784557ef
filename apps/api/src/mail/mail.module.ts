import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { createMailTransport, MAIL_TRANSPORT } from './mail-transport';
import { OutboxController } from './outbox.controller';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox.worker';

@Module({
  controllers: [OutboxController],
  providers: [{ provide: MAIL_TRANSPORT, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createMailTransport(config) }, OutboxService, OutboxWorker],
  exports: [OutboxService, OutboxWorker],
})
export class MailModule {}
