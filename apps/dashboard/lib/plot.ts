/**
 * The plot area's gutters, shared by every chart, the availability strip (so their time axes line up) and
 * the site view's queries (the interval follows the plot width).
 */
export const PLOT = { left: 64, right: 64, top: 12 } as const;
