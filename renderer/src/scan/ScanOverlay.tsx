import { useTheme } from '@mui/material/styles';
import type { ScanView } from './use-decode-loop';

/**
 * Outlines over the live preview: green round each code already in the form, amber round each
 * code seen but not taken yet (a 1D read awaiting its confirming frame, a code held for one
 * above it, an area that looks like a barcode but could not be read), so the technician knows
 * to hold the page closer or steadier. An SVG in the frame's own pixels, fitted to the video
 * the way the video is (`object-fit: contain`), so the outlines sit on the codes at any size.
 * Decoration only: hidden from assistive technology (the counter and notes say what happened).
 */
export function ScanOverlay({ view }: { view: ScanView | null }) {
  const theme = useTheme();
  if (!view || view.marks.length === 0) return null;
  const colour = { taken: theme.palette.success.main, waiting: theme.palette.warning.main };
  return (
    <svg
      aria-hidden
      viewBox={`0 0 ${view.width} ${view.height}`}
      preserveAspectRatio="xMidYMid meet"
      style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}
    >
      {view.marks.map((mark, index) => (
        <polygon
          // biome-ignore lint/suspicious/noArrayIndexKey: a frame's outlines have no identity of their own; all are redrawn each frame
          key={index}
          data-state={mark.state}
          points={mark.points.map(({ x, y }) => `${x},${y}`).join(' ')}
          fill={mark.state === 'taken' ? colour.taken : 'none'}
          fillOpacity={0.15}
          stroke={colour[mark.state]}
          strokeWidth={3}
          strokeLinejoin="round"
          vectorEffect="non-scaling-stroke"
          strokeDasharray={mark.state === 'waiting' ? '8 5' : undefined}
        />
      ))}
    </svg>
  );
}
