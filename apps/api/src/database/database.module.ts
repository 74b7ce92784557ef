import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Db } from './db-context';
import { RequestTransactionInterceptor } from './request-transaction.interceptor';

@Global()
@Module({
  providers: [Db, { provide: APP_INTERCEPTOR, useClass: RequestTransactionInterceptor }],
  exports: [Db],
})
export class DatabaseModule {}
