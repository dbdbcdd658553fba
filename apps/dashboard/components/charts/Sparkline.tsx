import { COLOURS } from './theme.ts';

interface Props {
  /** Values in order, evenly spaced; null is a gap and is drawn as one. */
  values: (number | null)[];
  width?: number;
  height?: number;
  /** A target drawn as a dashed line when it falls in range (e.g. 60 s). */
  target?: number;
  label: string;
}

/** A small line with gaps left as gaps: the answer-time trend in a table cell. */
export function Sparkline({ values, width = 100, height = 32, target, label }: Props) {
  const present = values.filter((v): v is number => v !== null);
  const max = Math.max(target ?? 0, ...present, 1) * 1.1;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const segments: string[] = [];
  const dots: { x: number; y: number }[] = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    const point = `${(i * step).toFixed(1)},${y(v).toFixed(1)}`;
    current = current ? `${current} L${point}` : `M${point}`;
    const isolated = (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null;
    if (isolated) dots.push({ x: i * step, y: y(v) });
  });
  if (current) segments.push(current);
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={label}
      className="app-sparkline"
      focusable="false"
    >
      {target !== undefined ? (
        <line x1={0} x2={width} y1={y(target)} y2={y(target)} stroke={COLOURS.red} strokeDasharray="4 3" />
      ) : null}
      {segments.map((d) => (
        <path key={d} d={d} fill="none" stroke={COLOURS.blue} strokeWidth={2} />
      ))}
      {dots.map((d) => (
        <circle key={`${d.x}`} cx={d.x} cy={d.y} r={2} fill={COLOURS.blue} />
      ))}
    </svg>
  );
}
