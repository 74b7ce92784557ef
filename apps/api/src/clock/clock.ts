import { Injectable } from '@nestjs/common';

/**
 * The time the meeting rules read (answers close at the start, a meeting is held once started).
 * Always the system time, except in browser tests that move it forward through `PUT /api/test/clock`
 * to play a whole meeting in minutes.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  travelTo(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
