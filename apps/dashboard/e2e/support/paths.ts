import { fileURLToPath } from 'node:url';

export const DASHBOARD_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
export const DASHBOARD_SERVER = fileURLToPath(new URL('../../server.ts', import.meta.url));
export const API_SERVER = fileURLToPath(new URL('../../../api/src/server.ts', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
