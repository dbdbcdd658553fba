// Runs after `npm ci` / `npm install` (package.json's postinstall): two fixes to postgres.js 3.4.9, the
// newest release, each idempotent and each a no-op once a release carries its fix (the text no longer
// matches, and a warning says so).
//
// 1. nextWrite: it crashes the whole process when a connection closes while a write is pending (the
//    database restarts, a connection is cut): `nextWrite` writes to a socket that is already gone, from an
//    event handler, where no try/catch can reach ("Cannot read properties of null (reading 'write')";
//    porsager/postgres issues #1154, #1208, unmerged fix #1209). The guard does what that fix does: the
//    pending query is rejected with CONNECTION_CLOSED (the API answers 503 and the client retries) and the
//    buffered bytes are dropped with the socket. Teardown cancels a scheduled write but left the timer id
//    and the bytes behind, so the connection never scheduled a write again; both are forgotten with the
//    socket.
// 2. A COPY FROM STDIN that the server refuses after its last byte (a duplicate key, a bad value) never
//    settles the writable: the import waits forever and its transaction is never rolled back (issue #1173,
//    unmerged fix #1183). The fix, as #1183's: `errored()` settles the pending final callback with the
//    server's error, so the import sees it (a duplicate sends the part the safe way; anything else rolls
//    the import back).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const PATCHES = [
  {
    name: 'nextWrite guard',
    edits: [
      [
        `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`,
        `  function nextWrite(fn) {
    /* switchboard: nextWrite guard */
    if (!socket) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`,
      ],
      [
        '    clearImmediate(nextWriteTimer)\n',
        '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n',
      ],
    ],
  },
  {
    name: 'COPY final guard',
    edits: [
      [
        `  function errored(err) {
    stream && (stream.destroy(err), stream = null)`,
        `  function errored(err) {
    stream && (stream.destroy(err), stream = null)
    /* switchboard: COPY final guard */ final && (final(err), final = null)`,
      ],
    ],
  },
];

for (const dir of ['src', 'cjs/src', 'cf/src']) {
  const file = join(root, dir, 'connection.js');
  if (!existsSync(file)) continue;
  let text = readFileSync(file, 'utf8');
  const applied = [];
  for (const { name, edits } of PATCHES) {
    if (text.includes(`/* switchboard: ${name} */`)) continue;
    if (!text.includes(edits[0][0])) {
      console.warn(`patch-postgres: ${file} has changed; check whether the release fixes the ${name}`);
      continue;
    }
    for (const [from, to] of edits) text = text.replaceAll(from, to);
    applied.push(name);
  }
  if (applied.length > 0) {
    writeFileSync(file, text);
    console.log(`patch-postgres: ${applied.join(', ')} in ${file.slice(root.length + 1)}`);
  }
}
