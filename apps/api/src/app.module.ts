import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './clock/clock.module';
import { ComuniModule } from './comuni/comuni.module';
import { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/app-config.token';
import { dataSourceOptions } from './database/data-source';
import { QueryCountingLogger } from './database/query-metrics';
import { DatabaseModule } from './database/database.module';
import { EntiGestoriModule } from './enti-gestori/enti-gestori.module';
import { ExportsModule } from './exports/exports.module';
import { HealthModule } from './health/health.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MembershipsModule } from './memberships/memberships.module';
import { PracticesModule } from './practices/practices.module';
import { ProjectsModule } from './projects/projects.module';
import { StatsModule } from './stats/stats.module';
import { UsersModule } from './users/users.module';
import { WorkingGroupsModule } from './working-groups/working-groups.module';

@Module({})
export class AppModule {
  /** `appUrl` connects as the confined application role, never as the owner. */
  static forRoot(config: AppConfig, appUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: appUrl, poolSize: config.dbPoolSize, applicationName: 'coopera-api' }),
          logger: new QueryCountingLogger(),
          retryAttempts: 2,
          retryDelay: 1_000,
        }),
        DatabaseModule,
        ClockModule.register(config),
        AuditModule,
        AuthModule,
        HealthModule,
        ComuniModule,
        UsersModule,
        EntiGestoriModule,
        ProjectsModule,
        MembershipsModule,
        WorkingGroupsModule,
        MeetingsModule,
        PracticesModule,
        StatsModule,
        ExportsModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      global: true,
    };
  }
}
