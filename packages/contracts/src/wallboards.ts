import { z } from 'zod';
import { sitesScopeField } from './access.ts';
import { idField, textField } from './fields.ts';
import type { SystemState, WindowMeasures } from './queries.ts';

/** Queue measures: the latest snapshot ("now"). */
export const NOW_MEASURES = ['callsWaiting', 'longestWaitMs', 'agentsAvailable'] as const;
/** Call measures: over a window ("last 60 min" or "since 08:00"). */
export const WINDOW_MEASURES = [
  'answeredWithin60sPct',
  'abandonedAllPct',
  'abandonedPct',
  'meanAnswerMs',
  'p95AnswerMs',
  'offered',
  'answered',
  'abandoned',
] as const;
export const TILE_MEASURES = [...NOW_MEASURES, ...WINDOW_MEASURES] as const;
export type TileMeasure = (typeof TILE_MEASURES)[number];
export type WindowMeasure = (typeof WINDOW_MEASURES)[number];
export const isNowMeasure = (m: TileMeasure): m is (typeof NOW_MEASURES)[number] =>
  (NOW_MEASURES as readonly string[]).includes(m);

/** Bounds of a board. */
export const WALLBOARD_LIMITS = {
  maxPages: 10,
  maxTiles: 6,
  maxWindowMinutes: 1_440,
  minRotateS: 10,
  maxRotateS: 3_600,
  maxBoards: 500,
} as const;

/** A tile's window: "now" (queue measures), the last N minutes, or since a London wall-clock time today. */
export const tileWindowField = z.union(
  [
    z.literal('now'),
    z.strictObject({
      lastMinutes: z
        .number({ error: 'lastMinutes must be a number' })
        .int('lastMinutes must be whole minutes')
        .min(5, 'lastMinutes must be at least 5')
        .max(
          WALLBOARD_LIMITS.maxWindowMinutes,
          `lastMinutes must be at most ${WALLBOARD_LIMITS.maxWindowMinutes}`,
        ),
    }),
    z.strictObject({
      since: z
        .string({ error: 'since must be a string' })
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'since must be a London time such as "08:00"'),
    }),
  ],
  { error: 'must be "now", { lastMinutes } or { since: "HH:MM" }' },
);
export type TileWindow = z.infer<typeof tileWindowField>;

/** A tile's own threshold: green on the right side of target, amber up to amberLimit, red beyond. */
export const tileThresholdField = z
  .strictObject({
    better: z.enum(['higher', 'lower'], { error: 'better must be "higher" or "lower"' }),
    target: z.number({ error: 'target must be a number' }).finite().min(0).max(1e9),
    amberLimit: z.number({ error: 'amberLimit must be a number' }).finite().min(0).max(1e9),
  })
  .refine((t) => (t.better === 'higher' ? t.amberLimit <= t.target : t.amberLimit >= t.target), {
    path: ['amberLimit'],
    message: 'amberLimit must lie on the worse side of target',
  });
export type TileThreshold = z.infer<typeof tileThresholdField>;

export const tileField = z
  .strictObject({
    measure: z.enum(TILE_MEASURES, { error: `measure must be one of ${TILE_MEASURES.join(', ')}` }),
    window: tileWindowField,
    /** Absent: the national default for the measure (if it has one). */
    threshold: tileThresholdField.optional(),
  })
  .superRefine((tile, ctx) => {
    const now = isNowMeasure(tile.measure);
    if (now && tile.window !== 'now')
      ctx.addIssue({ code: 'custom', path: ['window'], message: `${tile.measure} is a "now" measure` });
    if (!now && tile.window === 'now')
      ctx.addIssue({
        code: 'custom',
        path: ['window'],
        message: `${tile.measure} needs a window: { lastMinutes } or { since }`,
      });
  });
export type Tile = z.infer<typeof tileField>;

export const wallboardPageField = z.strictObject({
  title: textField('title', 60).optional(),
  tiles: z
    .array(tileField)
    .min(1, 'a page needs at least one tile')
    .max(WALLBOARD_LIMITS.maxTiles, `a page has at most ${WALLBOARD_LIMITS.maxTiles} tiles`),
  /** The answer-time chart of the last 4 hours. */
  chart: z.boolean({ error: 'chart must be true or false' }).default(false),
  /** The systems strip. */
  systems: z.boolean({ error: 'systems must be true or false' }).default(true),
  rotateSeconds: z
    .number({ error: 'rotateSeconds must be a number' })
    .int()
    .min(WALLBOARD_LIMITS.minRotateS, `rotateSeconds must be at least ${WALLBOARD_LIMITS.minRotateS}`)
    .max(WALLBOARD_LIMITS.maxRotateS, `rotateSeconds must be at most ${WALLBOARD_LIMITS.maxRotateS}`)
    .default(30),
});
export type WallboardPage = z.infer<typeof wallboardPageField>;

export const wallboardPagesField = z
  .array(wallboardPageField)
  .min(1, 'a board needs at least one page')
  .max(WALLBOARD_LIMITS.maxPages, `a board has at most ${WALLBOARD_LIMITS.maxPages} pages`);

const boardName = textField('name', 80).refine((t) => t.trim().length > 0, 'name must not be empty');
const boardId = idField('id');

export const wallboardCreateInput = z.strictObject({
  name: boardName,
  sites: sitesScopeField,
  pages: wallboardPagesField,
});
export const wallboardUpdateInput = z.strictObject({
  id: boardId,
  name: boardName.optional(),
  sites: sitesScopeField.optional(),
  pages: wallboardPagesField.optional(),
});
export const wallboardIdInput = z.strictObject({ id: boardId });

/** The default page: the six figures a shift lead reads first. */
export const DEFAULT_WALLBOARD_PAGES: WallboardPage[] = [
  {
    title: 'Now',
    tiles: [
      { measure: 'callsWaiting', window: 'now' },
      { measure: 'longestWaitMs', window: 'now' },
      { measure: 'agentsAvailable', window: 'now' },
      { measure: 'answeredWithin60sPct', window: { lastMinutes: 60 } },
      { measure: 'abandonedAllPct', window: { lastMinutes: 60 } },
      { measure: 'meanAnswerMs', window: { lastMinutes: 60 } },
    ],
    chart: false,
    systems: true,
    rotateSeconds: 30,
  },
];

export interface WallboardView {
  id: string;
  name: string;
  sites: 'all' | string[];
  pages: WallboardPage[];
  updatedAt: string;
}

/** One window's figures for the board's sites together. */
export interface WallboardWindowFigures {
  key: string;
  from: string;
  to: string;
  measures: WindowMeasures;
}

/** What a wallboard shows, read in one call (`wallboards.figures`). */
export interface WallboardFigures {
  asOf: string;
  staleAfterS: number;
  sites: { siteId: string; name: string; lastEventAt: string | null; stale: boolean }[];
  now: {
    callsWaiting: number | null;
    longestWaitMs: number | null;
    agentsAvailable: number | null;
    snapshotAt: string | null;
  };
  windows: WallboardWindowFigures[];
  systems: {
    systemId: string;
    name: string;
    siteId: string | null;
    status: SystemState;
    since: string | null;
  }[];
}

/** The key of a window, used to match a tile to its figures. */
export const windowKey = (w: TileWindow): string =>
  w === 'now' ? 'now' : 'lastMinutes' in w ? `last:${w.lastMinutes}` : `since:${w.since}`;

// Displays: pairing and heartbeat.
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const pairingClaimInput = z.strictObject({
  secret: z
    .string({ error: 'secret must be a string' })
    .regex(/^[A-Za-z0-9_-]{20,100}$/, 'secret is not a pairing secret'),
});
export const pairingApproveInput = z.strictObject({
  code: z
    .string({ error: 'code must be a string' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6}$/, 'code must be the 6 letters and digits shown on the screen'),
  name: textField('name', 80).refine((t) => t.trim().length > 0, 'name must not be empty'),
  boardId: boardId,
});
export const displayAssignInput = z.strictObject({ id: idField('id'), boardId: boardId });
export const displayHeartbeatInput = z.strictObject({
  version: textField('version', 40),
  screen: z
    .string({ error: 'screen must be a string' })
    .regex(/^\d{1,5}x\d{1,5}$/, 'screen must be like 1920x1080'),
  lastReloadAt: z.iso.datetime({ offset: true, error: 'lastReloadAt must be an ISO 8601 timestamp' }),
});
export const wallboardFiguresInput = z.strictObject({ id: boardId });
export const pairingStartInput = z.strictObject({
  screen: z
    .string({ error: 'screen must be a string' })
    .regex(/^\d{1,5}x\d{1,5}$/, 'screen must be like 1920x1080'),
});
