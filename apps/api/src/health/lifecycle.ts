import { Injectable } from '@nestjs/common';

/** Whether this process is draining: readiness turns 503 so a load balancer stops sending traffic. */
@Injectable()
export class Lifecycle {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }
}
