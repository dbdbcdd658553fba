import { type Actor, ANONYMOUS } from '../services/incidents/actor.ts';
import type { Context } from './context.ts';

/** Who is calling. Until sign-in is wired, every caller is anonymous with every site in scope. */
export function actorOf(_ctx: Context): Actor {
  return ANONYMOUS;
}
