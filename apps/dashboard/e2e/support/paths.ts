import { fileURLToPath } from 'node:url';

export const DASHBOARD_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
export const NEXT_BIN = fileURLToPath(
  new URL('../../../../node_modules/next/dist/bin/next', import.meta.url),
);
export const API_SERVER = fileURLToPath(new URL('../../../api/src/server.ts', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
