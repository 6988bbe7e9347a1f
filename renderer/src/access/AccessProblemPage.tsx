import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import LockOutlined from '@mui/icons-material/LockOutlined';
import SyncProblemOutlined from '@mui/icons-material/SyncProblemOutlined';
import { useEffect, type ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { AccessProblem } from '../api/connect';
import { monospaceFontStack } from '../theme/theme';

/**
 * Full page shown when the browser host cannot be used: no token, a wrong or outdated token, or
 * no host answering. It says what to do; nothing behind it is reachable.
 */
export function AccessProblemPage({ problem, origin }: { problem: AccessProblem; origin: string }) {
  const { t } = useTranslation();
  const unreachable = problem === 'host-unreachable';
  const title = unreachable ? t('access.unreachable.title') : t('access.token.title');
  const reason = {
    'missing-token': t('access.token.missing'),
    'wrong-token': t('access.token.wrong'),
    'token-expired': t('access.token.expired'),
    'host-unreachable': t('access.unreachable.reason', { origin }),
  }[problem];

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 3, bgcolor: 'background.default' }}>
      <Paper variant="outlined" sx={{ maxWidth: 560, width: '100%', p: { xs: 3, sm: 5 } }}>
        <Stack spacing={2.5}>
          <Box
            aria-hidden
            sx={{
              width: 48,
              height: 48,
              borderRadius: 3,
              display: 'grid',
              placeItems: 'center',
              bgcolor: 'action.selected',
              color: 'primary.main',
            }}
          >
            {unreachable ? <SyncProblemOutlined /> : <LockOutlined />}
          </Box>
          <Typography variant="h1">{title}</Typography>
          <Typography>{reason}</Typography>
          {unreachable ? (
            <Typography color="text.secondary">
              <Trans i18nKey="access.unreachable.howToFix" components={{ cmd: <InlineCode /> }} />
            </Typography>
          ) : (
            <>
              <Typography color="text.secondary">
                <Trans i18nKey="access.token.howToFix" components={{ cmd: <InlineCode /> }} />
              </Typography>
              <Box
                component="code"
                sx={{
                  display: 'block',
                  fontFamily: monospaceFontStack,
                  fontSize: '0.875rem',
                  p: 1.5,
                  borderRadius: 1.5,
                  bgcolor: 'action.hover',
                  overflowWrap: 'anywhere',
                }}
              >
                {t('access.token.example', { origin })}
              </Box>
              <Typography variant="body2" color="text.secondary">
                {t('access.token.newEachStart')}
              </Typography>
            </>
          )}
          {unreachable && (
            <Box>
              <Button variant="contained" onClick={() => window.location.reload()}>
                {t('access.unreachable.retry')}
              </Button>
            </Box>
          )}
        </Stack>
      </Paper>
    </Box>
  );
}

function InlineCode({ children }: { children?: ReactNode }) {
  return (
    <Box
      component="code"
      sx={{ fontFamily: monospaceFontStack, fontSize: '0.9em', px: 0.5, py: 0.25, borderRadius: 1, bgcolor: 'action.hover' }}
    >
      {children}
    </Box>
  );
}
