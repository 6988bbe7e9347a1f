import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** The widest a page of tables grows (Keys, Servers, Codes and Bulk use the same); a page of forms stays narrow. */
export const WIDE_PAGE_MAX_WIDTH = 1480;

/**
 * A page: one h1 (focused after navigation, so screen readers announce it), a lead line, content.
 * `wide`: a page of tables or results uses the width it has (its forms keep their own maxWidth);
 * otherwise the page is a narrow centred column.
 */
export function Page({
  title,
  description,
  wide = false,
  children,
}: {
  title: string;
  description?: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <Box sx={{ maxWidth: wide ? WIDE_PAGE_MAX_WIDTH : 880, mx: 'auto', px: { xs: 2, sm: 4 }, py: { xs: 3, sm: 4 } }}>
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
