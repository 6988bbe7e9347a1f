import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** A page: one h1 (focused after navigation, so screen readers announce it), a lead line, content. */
export function Page({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Box sx={{ maxWidth: 880, mx: 'auto', px: { xs: 2, sm: 4 }, py: { xs: 3, sm: 4 } }}>
      <Typography variant="h1" tabIndex={-1} data-page-heading sx={{ outline: 'none', mb: description ? 0.5 : 3 }}>
        {title}
      </Typography>
      {description && (
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          {description}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gap: 3 }}>{children}</Box>
    </Box>
  );
}
