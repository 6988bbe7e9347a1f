import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** One field with a problem: its label, what is wrong, and how to get to it. */
export interface FormProblem {
  /** The id of the field's input: the link's target. */
  fieldId: string;
  label: string;
  message: string;
  focus: () => void;
}

/**
 * "2 problems to fix" at the top of the form after Redeem found problems: each a link that puts
 * the focus on its field. It takes the focus itself each time Redeem is pressed (`focusRequest`
 * changes), so a screen reader reads the count and a keyboard user is one Tab from the first link.
 */
export function ProblemSummary({ problems, focusRequest }: { problems: readonly FormProblem[]; focusRequest: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const root = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves for each Redeem, which is what focusRequest counts
  useEffect(() => {
    root.current?.focus();
  }, [focusRequest]);

  return (
    <Alert
      ref={root}
      severity="error"
      role="region"
      aria-labelledby={titleId}
      tabIndex={-1}
      sx={{ '&:focus-visible': { outline: '2px solid', outlineColor: 'error.main', outlineOffset: 2 } }}
    >
      <AlertTitle id={titleId} component="h2">
        {t('redeem.problems.title', { count: problems.length })}
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {problems.map((problem) => (
          <li key={problem.fieldId}>
            <Link
              href={`#${problem.fieldId}`}
              color="inherit"
              onClick={(event) => {
                // The address holds the page's route: go to the field, not to a new hash.
                event.preventDefault();
                problem.focus();
              }}
            >
              {t('redeem.problems.item', { field: problem.label, message: problem.message })}
            </Link>
          </li>
        ))}
      </Box>
    </Alert>
  );
}
