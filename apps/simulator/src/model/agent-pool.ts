const OFF = 0;
const IDLE = 1;
const TALK = 2;
const WRAP = 3;

/**
 * The call handlers of one site: who is on shift, free (longest idle first), talking or wrapping up.
 * When the rota shrinks, free agents leave at once and busy ones leave when they finish their call.
 */
export class AgentPool {
  readonly #ids: string[] = [];
  readonly #state: number[] = [];
  #idle: number[] = [];
  #idleHead = 0;
  #talking = 0;
  #wrapping = 0;
  #leaving = 0;

  constructor(private readonly siteId: string) {}

  get available(): number {
    return this.#idle.length - this.#idleHead;
  }
  get onCall(): number {
    return this.#talking;
  }
  get wrapUp(): number {
    return this.#wrapping;
  }

  id(agent: number): string {
    return this.#ids[agent] ?? '';
  }

  /** Sets the head count on shift. */
  setOnShift(target: number): void {
    let current = this.available + this.#talking + this.#wrapping - this.#leaving;
    if (target > current) {
      const stay = Math.min(this.#leaving, target - current);
      this.#leaving -= stay;
      current += stay;
      for (; current < target; current++) this.#pushIdle(this.#clockOn());
    } else if (target < current) {
      let surplus = current - target;
      while (surplus > 0 && this.available > 0) {
        const agent = this.#idle.pop() as number;
        this.#state[agent] = OFF;
        surplus--;
      }
      this.#leaving += surplus;
    }
  }

  /** Takes the longest-idle free agent, now talking; undefined if none is free. */
  takeIdle(): number | undefined {
    if (this.available === 0) return undefined;
    const agent = this.#idle[this.#idleHead++] as number;
    if (this.#idleHead > 256 && this.#idleHead * 2 > this.#idle.length) {
      this.#idle = this.#idle.slice(this.#idleHead);
      this.#idleHead = 0;
    }
    this.#state[agent] = TALK;
    this.#talking++;
    return agent;
  }

  /** The agent's call ended: wrap-up starts. */
  startWrap(agent: number): void {
    this.#state[agent] = WRAP;
    this.#talking--;
    this.#wrapping++;
  }

  /** Wrap-up done: the agent is free again, or goes home if the rota shrank meanwhile. */
  finishWrap(agent: number): void {
    this.#wrapping--;
    if (this.#leaving > 0) {
      this.#leaving--;
      this.#state[agent] = OFF;
    } else {
      this.#pushIdle(agent);
    }
  }

  #pushIdle(agent: number): void {
    this.#state[agent] = IDLE;
    this.#idle.push(agent);
  }

  /** The lowest-numbered agent off shift (hiring a new one if all are on). */
  #clockOn(): number {
    const free = this.#state.indexOf(OFF);
    if (free >= 0) return free;
    const n = this.#ids.length + 1;
    const suffix = `a${String(n).padStart(3, '0')}`;
    this.#ids.push(this.siteId.length + 1 + suffix.length <= 64 ? `${this.siteId}.${suffix}` : suffix);
    this.#state.push(OFF);
    return n - 1;
  }
}
