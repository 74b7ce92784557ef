import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from './clock';
import { TestClockController } from './test-clock.controller';

@Module({})
export class ClockModule {
  static register(options: { testClock: boolean }): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      controllers: options.testClock ? [TestClockController] : [],
      providers: [Clock],
      exports: [Clock],
    };
  }
}
