import type { Clock } from '../../../src/auth/clock.js';

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(public time: number) {}

  now(): number {
    return this.time;
  }

  advance(millis: number): void {
    this.time += millis;
  }
}
