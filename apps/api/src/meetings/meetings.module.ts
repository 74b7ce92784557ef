import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { MailModule } from '../mail/mail.module';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedService } from './calendar-feed.service';
import { MeetingDocumentsController } from './documents.controller';
import { MeetingDocumentsService } from './documents.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [MailModule, FilesModule],
  controllers: [MeetingsController, InvitationsController, MeetingDocumentsController, CalendarFeedController],
  providers: [MeetingsService, InvitationsService, MeetingDocumentsService, CalendarFeedService],
})
export class MeetingsModule {}
