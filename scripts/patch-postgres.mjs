// Runs after `npm ci` / `npm install` (package.json's postinstall). postgres.js 3.4.9, the newest release,
// crashes the whole process when a connection closes while a write is pending (the database restarts, a
// connection is cut): `nextWrite` writes to a socket that is already gone, from an event handler, where no
// try/catch can reach ("Cannot read properties of null (reading 'write')"; porsager/postgres issues #1154,
// #1208, unmerged fix #1209). The guard below does what that fix does: the pending query is rejected with
// CONNECTION_CLOSED (the API answers 503 and the client retries) and the buffered bytes are dropped with the
// socket. Idempotent; it changes nothing once a release carries a fix (the text no longer matches).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* switchboard: nextWrite guard */';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const NEXT_WRITE = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const GUARDED = `  function nextWrite(fn) {
    ${MARK}
    if (!socket) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`;
// Teardown cancels a scheduled write but left the timer id and the bytes behind, so the connection never
// scheduled a write again; forget both with the socket.
const CLEAR = '    clearImmediate(nextWriteTimer)\n';
const CLEARED = '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n';

let patched = 0;
for (const dir of ['src', 'cjs/src', 'cf/src']) {
  const file = join(root, dir, 'connection.js');
  if (!existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  if (text.includes(MARK)) continue;
  if (!text.includes(NEXT_WRITE)) {
    console.warn(`patch-postgres: ${file} has changed; check whether the release fixes nextWrite`);
    continue;
  }
  writeFileSync(file, text.replace(NEXT_WRITE, GUARDED).replaceAll(CLEAR, CLEARED));
  patched += 1;
}
if (patched > 0) console.log(`patch-postgres: guarded nextWrite in ${patched} copies of postgres.js`);
