import TextField from '@mui/material/TextField';
import { dayRangeProblem } from './list-rules';

/** Start Date and End Date (local days `YYYY-MM-DD`, null when empty); a reversed range is marked on both and said once. */
export function DateRangeFields({
  from,
  to,
  labels,
  onChange,
}: {
  from: string | null;
  to: string | null;
  labels: { from: string; to: string; reversed: string };
  onChange: (range: { from: string | null; to: string | null }) => void;
}) {
  const reversed = dayRangeProblem(from, to) === 'reversed';
  const field = (which: 'from' | 'to') => (
    <TextField
      type="date"
      size="small"
      label={labels[which]}
      value={(which === 'from' ? from : to) ?? ''}
      onChange={(event) => onChange({ from, to, [which]: event.target.value || null })}
      error={reversed}
      helperText={reversed && which === 'from' ? labels.reversed : undefined}
      slotProps={{ inputLabel: { shrink: true } }}
      sx={{ width: { md: 170 } }}
    />
  );
  return (
    <>
      {field('from')}
      {field('to')}
    </>
  );
}
