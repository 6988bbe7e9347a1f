import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Tooltip from '@mui/material/Tooltip';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import LoginOutlined from '@mui/icons-material/LoginOutlined';
import ManageSearchOutlined from '@mui/icons-material/ManageSearchOutlined';
import DnsOutlined from '@mui/icons-material/DnsOutlined';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import PlaylistAddCheckOutlined from '@mui/icons-material/PlaylistAddCheckOutlined';
import StorageOutlined from '@mui/icons-material/StorageOutlined';
import VpnKeyOutlined from '@mui/icons-material/VpnKeyOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import SyncOutlined from '@mui/icons-material/SyncOutlined';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/CoreProvider';
import { pageHref, type PageId } from '../routing/hash-route';

interface NavItem {
  page: PageId;
  label: string;
  icon: ReactNode;
}

/** The pages in navigation order. Only pages that exist are listed; Sign in only when signed out, and first. */
function useNavItems(): NavItem[] {
  const { t } = useTranslation();
  const { session } = useSession();
  return [
    // A signed-out user's next step is signing in: it leads the list.
    ...(session && !session.loggedIn ? [{ page: 'sign-in' as const, label: t('nav.signIn'), icon: <LoginOutlined /> }] : []),
    { page: 'redeem', label: t('nav.redeem'), icon: <KeyOutlined /> },
    { page: 'codes', label: t('nav.codes'), icon: <Inventory2Outlined /> },
    { page: 'bulk', label: t('nav.bulk'), icon: <PlaylistAddCheckOutlined /> },
    { page: 'keys', label: t('nav.keys'), icon: <VpnKeyOutlined /> },
    { page: 'lookup', label: t('nav.lookup'), icon: <ManageSearchOutlined /> },
    { page: 'systems', label: t('nav.systems'), icon: <DnsOutlined /> },
    { page: 'servers', label: t('nav.servers'), icon: <StorageOutlined /> },
    { page: 'sync', label: t('nav.sync'), icon: <SyncOutlined /> },
    { page: 'settings', label: t('nav.settings'), icon: <SettingsOutlined /> },
    { page: 'about', label: t('nav.about'), icon: <InfoOutlined /> },
  ];
}

/** Real links (`#/settings`): Tab reaches them, Enter opens them, the current one is marked. */
export function NavigationList({ current, compact, id }: { current: PageId; compact: boolean; id?: string }) {
  const { t } = useTranslation();
  const items = useNavItems();
  return (
    <nav id={id} aria-label={t('nav.label')}>
      <List sx={{ py: 1 }}>
        {items.map((item) => {
          const selected = item.page === current;
          const link = (
            <ListItemButton
              component="a"
              href={pageHref(item.page)}
              selected={selected}
              aria-current={selected ? 'page' : undefined}
              aria-label={compact ? item.label : undefined}
              sx={compact ? { justifyContent: 'center', px: 1 } : undefined}
            >
              <ListItemIcon sx={compact ? { minWidth: 0 } : undefined}>{item.icon}</ListItemIcon>
              {!compact && (
                <ListItemText
                  primary={item.label}
                  slotProps={{ primary: { noWrap: true, title: item.label, sx: { fontWeight: selected ? 600 : 500 } } }}
                />
              )}
            </ListItemButton>
          );
          // A list holds list items only: each link sits in its own <li>.
          return (
            <ListItem key={item.page} disablePadding sx={{ display: 'block' }}>
              {compact ? (
                <Tooltip title={item.label} placement="right">
                  {link}
                </Tooltip>
              ) : (
                link
              )}
            </ListItem>
          );
        })}
      </List>
    </nav>
  );
}
