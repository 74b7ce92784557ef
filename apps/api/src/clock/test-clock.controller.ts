import { Body, Controller, Delete, HttpCode, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsDateString } from 'class-validator';
import { Public, WithoutTransaction } from '../auth/access.decorator';
import { Clock } from './clock';

class TravelDto {
  @IsDateString({ strict: true })
  now!: string;
}

/** Only mounted with COOPERA_TEST_CLOCK=1, which production refuses. */
@ApiExcludeController()
@Controller('test/clock')
@WithoutTransaction()
export class TestClockController {
  constructor(private readonly clock: Clock) {}

  @Put()
  @Public('browser tests move the clock before signing in')
  @HttpCode(204)
  travel(@Body() dto: TravelDto): void {
    this.clock.travelTo(new Date(dto.now));
  }

  @Delete()
  @Public('browser tests move the clock before signing in')
  @HttpCode(204)
  reset(): void {
    this.clock.reset();
  }
}
