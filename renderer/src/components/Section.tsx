import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, type ReactNode, type Ref } from 'react';

/**
 * A titled card that groups related facts or settings; labelled by its h2 for landmarks. With
 * `headingRef` the heading can take the focus (tabIndex -1), so a page can move the focus to
 * what just appeared and screen readers announce it.
 */
export function Section({
  title,
  icon,
  action,
  headingRef,
  children,
}: {
  title: string;
  icon?: ReactNode;
  action?: ReactNode;
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Card component="section" aria-labelledby={headingId}>
      <CardContent sx={{ p: 3, '&:last-child': { pb: 3 } }}>
        <Stack direction="row" spacing={1.25} sx={{ alignItems: 'center', mb: 2.5, minHeight: 32 }}>
          {icon && <Stack sx={{ color: 'primary.main', display: 'flex' }}>{icon}</Stack>}
          <Typography
            variant="h2"
            id={headingId}
            ref={headingRef}
            tabIndex={headingRef ? -1 : undefined}
            sx={{ flexGrow: 1, outline: 'none' }}
          >
            {title}
          </Typography>
          {action}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}
