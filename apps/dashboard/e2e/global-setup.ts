import { buildIfStale } from '../scripts/build-if-stale.ts';

/** Builds the dashboard once for every e2e file, unless the build is newer than every source. */
export default function setup() {
  buildIfStale();
}
