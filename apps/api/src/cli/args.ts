import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { fail } from './tool-db.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The command line parsed strictly: an unknown flag, a flag without its value or a value where none is
 * taken prints the error and the usage, and exits 2 (never a stack trace).
 */
export function parseCommandLine<O extends Options>(usage: string, options: O, args = process.argv.slice(2)) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** `value` checked by a contract field, or the field's message and the usage, exit 2. */
export function checked<T>(what: string, field: z.ZodType<T>, value: unknown, usage: string): T {
  const parsed = field.safeParse(value);
  if (!parsed.success) fail(`${what}: ${parsed.error.issues[0]?.message ?? 'invalid'}\n${usage}`);
  return parsed.data;
}

/** Exits 2 with the usage unless exactly `count` positionals were given. */
export function expectPositionals(positionals: readonly string[], count: number, usage: string): void {
  if (positionals.length !== count) {
    fail(`expected ${count} argument(s), got ${positionals.length}\n${usage}`);
  }
}
