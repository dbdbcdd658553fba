/** The dashboard's configuration, read and validated here and nowhere else (server side only). */
export interface DashboardEnv {
  /** Port `npm run start:dashboard` listens on. */
  DASHBOARD_PORT: number;
  /** Interface it binds to. */
  DASHBOARD_HOST: string;
  /** Base URL of the Switchboard API (no trailing slash). */
  API_URL: string;
  /** `next dev` (NODE_ENV=development): the CSP then allows what the dev server's tooling needs. */
  DEV: boolean;
  /** London hour (0–23) at which wallboards reload themselves once a day, to bound memory. */
  WALLBOARD_RELOAD_HOUR: number;
}

function port(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) {
    throw new Error(`Invalid configuration:\n  ${name}: must be a port number (0–65535), got "${value}"`);
  }
  return n;
}

function hour(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 23) {
    throw new Error(`Invalid configuration:\n  ${name}: must be an hour 0–23, got "${value}"`);
  }
  return n;
}

function url(name: string, value: string | undefined, fallback: string): string {
  const raw = value === undefined || value === '' ? fallback : value;
  if (!/^https?:\/\/[^/\s]+/.test(raw)) {
    throw new Error(`Invalid configuration:\n  ${name}: must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): DashboardEnv {
  return {
    DASHBOARD_PORT: port('DASHBOARD_PORT', source.DASHBOARD_PORT, 3000),
    DASHBOARD_HOST: source.DASHBOARD_HOST || '127.0.0.1',
    API_URL: url('API_URL', source.API_URL, 'http://127.0.0.1:4000'),
    DEV: source.NODE_ENV === 'development',
    WALLBOARD_RELOAD_HOUR: hour('WALLBOARD_RELOAD_HOUR', source.WALLBOARD_RELOAD_HOUR, 4),
  };
}

/**
 * What Next.js and React read from the process's environment as they load, set before the dashboard's
 * server (server.ts) loads them: the production build unless NODE_ENV says otherwise, and no telemetry.
 */
export function prepareNextEnvironment(target: NodeJS.ProcessEnv = process.env): void {
  Object.assign(target, { NODE_ENV: target.NODE_ENV ?? 'production', NEXT_TELEMETRY_DISABLED: '1' });
}

/** The wallboard soak benchmark's length (bench/wallboard-soak.ts): BENCH_SOAK_MINUTES, default 30. */
export function readBenchEnv(source: NodeJS.ProcessEnv = process.env): { minutes: number } {
  const raw = source.BENCH_SOAK_MINUTES;
  const minutes = raw === undefined || raw === '' ? 30 : Number(raw);
  if (!Number.isFinite(minutes) || minutes < 0.5 || minutes > 24 * 60)
    throw new Error(`Invalid configuration:\n  BENCH_SOAK_MINUTES: must be 0.5–1440 minutes, got "${raw}"`);
  return { minutes };
}
