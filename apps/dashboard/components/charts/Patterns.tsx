import { STATE_STYLE } from './theme.ts';

/**
 * SVG patterns shared by every chart on the page (ids are document-wide), so a state is told apart by
 * texture as well as colour: down is cross-hatched, degraded striped, unknown dotted,
 * planned maintenance striped blue the other way (drawn over the states, which stay visible).
 */
export function Patterns() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" style={{ position: 'absolute' }}>
      <defs>
        <pattern id="pat-down" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={STATE_STYLE.down.fill} />
          <path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" strokeWidth="1.2" />
        </pattern>
        <pattern id="pat-degraded" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill={STATE_STYLE.degraded.fill} />
          <path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke="#212b32" strokeWidth="1.2" />
        </pattern>
        <pattern id="pat-unknown" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill={STATE_STYLE.unknown.fill} />
          <circle cx="3" cy="3" r="1" fill="#425563" />
        </pattern>
        <pattern id="pat-maintenance" width="10" height="10" patternUnits="userSpaceOnUse">
          <rect width="10" height="10" fill="#005eb8" fillOpacity="0.12" />
          <path d="M-2 8L2 12M0 0L10 10M8 -2L12 2" stroke="#005eb8" strokeWidth="2" />
        </pattern>
        <pattern id="pat-outage" width="10" height="10" patternUnits="userSpaceOnUse">
          <rect width="10" height="10" fill="#d5281b" fillOpacity="0.10" />
          <path d="M-2 2L2 -2M0 10L10 0M8 12L12 8" stroke="#d5281b" strokeOpacity="0.45" strokeWidth="1.5" />
        </pattern>
      </defs>
    </svg>
  );
}
