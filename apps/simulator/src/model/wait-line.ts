import { type Call, WAITING } from './call.ts';

/** Callers on hold, first come first served; callers who hang up leave a gap that is skipped lazily. */
export class WaitLine {
  #calls: Call[] = [];
  #head = 0;
  #count = 0;

  /** Callers still holding. */
  get count(): number {
    return this.#count;
  }

  push(call: Call): void {
    this.#calls.push(call);
    this.#count++;
  }

  /** A holding caller hung up (their state is no longer WAITING). */
  left(): void {
    this.#count--;
  }

  /** The caller holding longest, without taking them off the line. */
  oldest(): Call | undefined {
    if (this.#count === 0) return undefined;
    while (this.#calls[this.#head]?.state !== WAITING) this.#head++;
    if (this.#head > 1_024 && this.#head * 2 > this.#calls.length) {
      this.#calls = this.#calls.slice(this.#head);
      this.#head = 0;
    }
    return this.#calls[this.#head];
  }

  /** Takes the caller holding longest off the line. */
  take(): Call | undefined {
    const call = this.oldest();
    if (call) {
      this.#head++;
      this.#count--;
    }
    return call;
  }
}
