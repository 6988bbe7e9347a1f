import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import ArrowDropDown from '@mui/icons-material/ArrowDropDown';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerRow } from '../../../../core/servers/contract';

export type ManagementFunction = 'rma' | 'keys' | 'siteHistory' | 'serverHistory' | 'details' | 'modify' | 'hide' | 'unhide';

/**
 * The portal's "Select Management Function", as a menu button: what to do with the selected
 * server. Disabled until a server is selected; a function that does not apply (a second RMA, the
 * history of a server with no site) is disabled.
 */
export function ManagementMenu({
  server,
  onChoose,
}: {
  server: ServerRow | null;
  onChoose: (fn: ManagementFunction, server: ServerRow) => void;
}) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const buttonId = useId();
  const choose = (fn: ManagementFunction) => {
    setAnchor(null);
    if (server) onChoose(fn, server);
  };
  const rmaOpen = server?.rma?.state === 'requested';

  return (
    <>
      <Button
        id={buttonId}
        variant="contained"
        endIcon={<ArrowDropDown />}
        disabled={!server}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {t('servers.manage.button')}
      </Button>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-labelledby': buttonId } }}
      >
        <MenuItem disabled={rmaOpen} onClick={() => choose('rma')}>
          {t('servers.manage.rma')}
        </MenuItem>
        <MenuItem onClick={() => choose('keys')}>{t('servers.manage.keys')}</MenuItem>
        <MenuItem disabled={!server?.siteId} onClick={() => choose('siteHistory')}>
          {t('servers.manage.siteHistory')}
        </MenuItem>
        <MenuItem onClick={() => choose('serverHistory')}>{t('servers.manage.serverHistory')}</MenuItem>
        <MenuItem onClick={() => choose('details')}>{t('servers.manage.details')}</MenuItem>
        <MenuItem onClick={() => choose('modify')}>{t('servers.manage.modify')}</MenuItem>
        <Divider />
        {server?.hidden ? (
          <MenuItem onClick={() => choose('unhide')}>{t('servers.manage.unhide')}</MenuItem>
        ) : (
          <MenuItem onClick={() => choose('hide')}>{t('servers.manage.hide')}</MenuItem>
        )}
      </Menu>
    </>
  );
}
