import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import CheckBox from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlank from '@mui/icons-material/CheckBoxOutlineBlank';
import ViewColumnOutlined from '@mui/icons-material/ViewColumnOutlined';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ChooserColumn {
  id: string;
  header: string;
  shown: boolean;
  /** Wanted, but the table has no room for it at this width. */
  noRoom: boolean;
}

/** Which columns a table shows: a menu of check items, and Reset columns (the table's own columns and widths). */
export function ColumnChooser({
  tableLabel,
  columns,
  onToggle,
  onReset,
}: {
  tableLabel: string;
  columns: ChooserColumn[];
  onToggle: (id: string) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const shownCount = columns.filter((column) => column.shown).length;
  return (
    <>
      <Button
        size="small"
        startIcon={<ViewColumnOutlined />}
        aria-label={t('table.columns.buttonLabel', { table: tableLabel })}
        aria-haspopup="menu"
        aria-expanded={anchor ? true : undefined}
        aria-controls={anchor ? menuId : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {t('table.columns.button')}
      </Button>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-label': t('table.columns.menuLabel', { table: tableLabel }), dense: true } }}
      >
        {columns.map((column) => (
          <MenuItem
            key={column.id}
            role="menuitemcheckbox"
            aria-checked={column.shown}
            // The last column shown stays: a table needs one.
            disabled={column.shown && shownCount === 1}
            onClick={() => onToggle(column.id)}
          >
            <ListItemIcon>
              {column.shown ? <CheckBox fontSize="small" color="primary" /> : <CheckBoxOutlineBlank fontSize="small" />}
            </ListItemIcon>
            <ListItemText primary={column.header} secondary={column.shown && column.noRoom ? t('table.columns.noRoom') : undefined} />
          </MenuItem>
        ))}
        <Divider />
        <MenuItem onClick={onReset}>
          <ListItemText inset primary={t('table.columns.reset')} />
        </MenuItem>
      </Menu>
    </>
  );
}
