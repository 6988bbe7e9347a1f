import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import MenuOpenOutlined from '@mui/icons-material/MenuOpenOutlined';
import MenuOutlined from '@mui/icons-material/MenuOutlined';
import VpnKeyOutlined from '@mui/icons-material/VpnKeyOutlined';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../api/CoreProvider';
import type { PageId } from '../routing/hash-route';
import { ConnectionBanner } from './ConnectionBanner';
import { SettingsSetAsideNotice } from './SettingsSetAsideNotice';
import { NavigationList } from './NavigationList';
import { OnlineBadge } from './OnlineBadge';
import { OutboxBadge } from './OutboxBadge';
import { SearchField } from './SearchField';
import { SessionMenu } from './SessionMenu';
import { useSidebarCollapsed } from './sidebar-state';

// Wide enough for "Bulk redemption" on one line in the current page's bolder weight.
const DRAWER_WIDTH = 248;
const RAIL_WIDTH = 72;

/** The frame around every page: app bar, navigation, the reconnecting banner, the page itself. */
export function AppShell({ page, title, children }: { page: PageId; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { collapsed: compact, toggle: toggleSidebar } = useSidebarCollapsed();
  const navigationId = useId();
  const { appInfo } = useAppInfo();
  const mainRef = useRef<HTMLElement>(null);
  const shownPage = useRef(page);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  useEffect(() => {
    // After navigating, move focus to the new page's heading so keyboard and screen reader users
    // land on it; the first page shown keeps the browser's natural start.
    if (shownPage.current === page) return;
    shownPage.current = page;
    mainRef.current?.querySelector<HTMLElement>('[data-page-heading]')?.focus();
  }, [page]);

  const width = compact ? RAIL_WIDTH : DRAWER_WIDTH;
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Button
        onClick={() => mainRef.current?.focus()}
        variant="contained"
        sx={{
          position: 'fixed',
          left: 8,
          top: 8,
          zIndex: (z) => z.zIndex.tooltip,
          transform: 'translateY(-200%)',
          '&:focus-visible': { transform: 'none' },
        }}
      >
        {t('app.skipToContent')}
      </Button>
      <AppBar position="fixed" sx={{ zIndex: (z) => z.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1.5, minHeight: { xs: 56 } }}>
          <Tooltip title={compact ? t('nav.expand') : t('nav.collapse')} describeChild>
            <IconButton
              edge="start"
              aria-label={t('nav.sidebar')}
              aria-expanded={!compact}
              aria-controls={navigationId}
              onClick={toggleSidebar}
            >
              {compact ? <MenuOutlined /> : <MenuOpenOutlined />}
            </IconButton>
          </Tooltip>
          <Box
            aria-hidden
            sx={{
              width: 32,
              height: 32,
              borderRadius: '9px',
              display: 'grid',
              placeItems: 'center',
              bgcolor: 'primary.main',
              color: 'primary.contrastText',
            }}
          >
            <VpnKeyOutlined fontSize="small" />
          </Box>
          <Typography component="div" sx={{ fontWeight: 700, fontSize: '1.125rem', letterSpacing: '-0.01em' }}>
            {t('app.name')}
          </Typography>
          <Box sx={{ flexGrow: 1, minWidth: 0, display: 'flex', justifyContent: 'center', px: { sm: 2 } }}>
            <SearchField />
          </Box>
          <OutboxBadge />
          <OnlineBadge />
          <SessionMenu />
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width, boxSizing: 'border-box', borderRightColor: 'divider', bgcolor: 'background.paper' },
        }}
      >
        <Toolbar sx={{ minHeight: { xs: 56 } }} />
        <NavigationList id={navigationId} current={page} compact={compact} />
        {appInfo && !compact && (
          // A footer (contentinfo landmark): every part of the page sits in a landmark.
          <Typography component="footer" variant="caption" color="text.secondary" sx={{ mt: 'auto', px: 3, py: 2 }}>
            {t('app.versionFooter', { version: appInfo.version })}
          </Typography>
        )}
      </Drawer>
      <Box component="main" id="main" ref={mainRef} tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, outline: 'none' }}>
        <Toolbar sx={{ minHeight: { xs: 56 } }} />
        <ConnectionBanner />
        <SettingsSetAsideNotice />
        {children}
      </Box>
    </Box>
  );
}
