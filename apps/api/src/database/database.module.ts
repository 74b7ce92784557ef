import { Global, Module } from '@nestjs/common';
import { Db } from './db-context';

/** `Db` for every module; the request's transaction is begun and ended by request-transactions.ts. */
@Global()
@Module({
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
