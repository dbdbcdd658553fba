/**
 * The upstream body, passed on chunk by chunk. When the browser goes away (Next cancels the stream), the
 * upstream request is aborted too, so the API does not keep a subscription for nobody.
 */
export function relay(
  body: ReadableStream<Uint8Array>,
  upstream: AbortController,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel(reason) {
      upstream.abort(reason);
      return reader.cancel(reason).catch(() => {});
    },
  });
}
