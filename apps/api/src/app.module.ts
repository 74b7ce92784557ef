import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ComuniModule } from './comuni/comuni.module';
import { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/app-config.token';
import { dataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /** `appUrl` connects as the confined application role, never as the owner. */
  static forRoot(config: AppConfig, appUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: appUrl, poolSize: config.dbPoolSize, applicationName: 'coopera-api' }),
          retryAttempts: 2,
          retryDelay: 1_000,
        }),
        DatabaseModule,
        AuditModule,
        AuthModule,
        HealthModule,
        ComuniModule,
        UsersModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      global: true,
    };
  }
}
