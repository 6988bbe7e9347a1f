import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { monospaceFontStack } from '../theme/theme';

/** Label → value pairs, one row each (each a `Fact`). */
export function FactList({ children }: { children: ReactNode }) {
  return <Box sx={{ display: 'grid', rowGap: { xs: 1.5, sm: 1 } }}>{children}</Box>;
}

/**
 * One fact: a term and its value in a description list of their own, grouped and named by the
 * term, so assistive technology (and the end-to-end tests) find "Database schema version" → 1
 * without relying on layout. The group wraps the `<dl>`: inside one, only dt/dd pairs (or plain
 * `<div>`s around them) are allowed, so one list of many named groups is not valid HTML.
 */
export function Fact({
  label,
  children,
  monospace,
  copyText,
}: {
  label: string;
  children: ReactNode;
  monospace?: boolean;
  copyText?: string;
}) {
  const termId = useId();
  return (
    <Box role="group" aria-labelledby={termId}>
      <Box
        component="dl"
        sx={{
          m: 0,
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: '200px 1fr' },
          columnGap: 3,
          alignItems: 'center',
        }}
      >
        <Box component="dt" id={termId} sx={{ color: 'text.secondary', fontSize: '0.875rem' }}>
          {label}
        </Box>
        <Box component="dd" sx={{ m: 0, display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0, minHeight: 32 }}>
          <Box
            component="span"
            sx={{
              fontFamily: monospace ? monospaceFontStack : undefined,
              fontSize: monospace ? '0.8125rem' : undefined,
              overflowWrap: 'anywhere',
            }}
          >
            {children}
          </Box>
          {copyText !== undefined && <CopyButton text={copyText} what={label} />}
        </Box>
      </Box>
    </Box>
  );
}

function CopyButton({ text, what }: { text: string; what: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard access can be refused by the browser; the value stays selectable.
    }
  };
  const label = copied ? t('common.copied') : t('common.copyValue', { what });
  return (
    <Tooltip title={label}>
      <IconButton size="small" aria-label={t('common.copyValue', { what })} onClick={() => void copy()}>
        <ContentCopyOutlined fontSize="inherit" />
      </IconButton>
    </Tooltip>
  );
}
