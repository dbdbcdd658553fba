/**
 * Turbopack loader for nhsuk-frontend's compiled CSS. Lightning CSS (Turbopack's CSS parser) refuses two
 * constructs in it, so they are dropped and everything else is kept:
 * - `@media screen\0 …` blocks, an Internet Explorer 8–10 hack no current browser applies;
 * - container queries on scroll state (`@container scroll-state(…)`, `@container scroll-content` inside
 *   `@supports (… scroll-state)`), progressive scroll shadows for nhsuk-scroll, which the dashboard does not use.
 * It also drops the `@font-face` rules that fetch Frutiger from the NHS CDN: Switchboard runs on call-centre
 * networks and offline, so pages make no third-party requests and use the design system's fallback, Arial.
 */
const DROP = [
  '@media screen\\0',
  '@supports (container-type:inline-size scroll-state)',
  '@container scroll-state(',
  '@font-face',
];

/** Index just past the block that opens at the first `{` after `start`, counting nested braces. */
function blockEnd(css, start) {
  let depth = 0;
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return i + 1;
  }
  return css.length;
}

module.exports = function stripUnparsableCss(source) {
  let css = String(source);
  for (const prefix of DROP) {
    for (let at = css.indexOf(prefix); at !== -1; at = css.indexOf(prefix, at)) {
      css = css.slice(0, at) + css.slice(blockEnd(css, at));
    }
  }
  return css;
};
