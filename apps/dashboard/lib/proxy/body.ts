import type { IncomingMessage } from 'node:http';

/** A request body over the proxy's limit. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/**
 * Reads a request body, but never more than `limit` bytes: a declared `content-length` over the limit is
 * refused before a byte is read, and a body that streams past it is cut off (BodyTooLarge either way).
 */
export function readLimited(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      // Stop reading but keep the socket: the caller still answers 413 (and closes the connection).
      request.off('data', onData).off('end', onEnd).pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) stop(new BodyTooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    request.on('data', onData).once('end', onEnd).once('error', stop);
  });
}
