import { Injectable } from '@nestjs/common';

/** Whether the API is draining after SIGTERM: readiness then answers 503 while answers in flight finish. */
@Injectable()
export class ApiLifecycle {
  private drainingSince: Date | null = null;

  drain(): void {
    this.drainingSince ??= new Date();
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }
}
