import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

/**
 * "3 more outside these dates [Include all dates]" beside a list's count, so a search within a
 * date range never says "no keys" about something the cache holds. Nothing when none lie outside.
 */
export function OutsideDates({ outside, onInclude }: { outside: { count: number; exact: boolean } | null; onInclude: () => void }) {
  const { t } = useTranslation();
  if (!outside || (outside.exact && outside.count === 0)) return null;
  return (
    <Typography component="span" sx={{ mr: 2, whiteSpace: 'nowrap' }}>
      {outside.exact
        ? t('dataTable.outsideDates', { count: outside.count })
        : t('dataTable.outsideDatesMoreThan', { count: outside.count })}{' '}
      <Button size="small" variant="outlined" onClick={onInclude} sx={{ ml: 1 }}>
        {t('dataTable.includeAllDates')}
      </Button>
    </Typography>
  );
}
