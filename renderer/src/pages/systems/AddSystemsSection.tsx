import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import { useId, useMemo, useRef, useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/Section';
import { monospaceFontStack } from '../../theme/theme';
import {
  ADD_MODES,
  checkOne,
  fileSystems,
  previewFile,
  previewRange,
  rangeSystems,
  type AddMode,
  type FilePreview,
  type SystemToAdd,
} from './add-systems-rules';
import { AddSystemsReport } from './AddSystemsReport';
import { RenamePreview, useRenamePreview, type RenameChoice } from './RenamePreview';
import { useAddSystems } from './use-add-systems';
import { displayMac } from '../../i18n/format';

/** A MAC file larger than this is not a list of 50 MACs. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Add Systems, as the portals do it: one system (MAC + name, also to rename a known one), a MAC
 * range (at most 50), or a .txt / .csv file of MACs (at most 50). Each way previews what it will
 * send; the report says what became of every row, and whether it still waits for the portal.
 */
export function AddSystemsSection({ initialMac, onAdded, onCancel }: { initialMac: string; onAdded: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<AddMode>('one');
  const adding = useAddSystems({ onAdded });
  const tabsId = useId();
  const labels: Record<AddMode, string> = {
    one: t('systems.add.modes.one'),
    range: t('systems.add.modes.range'),
    file: t('systems.add.modes.file'),
  };

  return (
    <Section title={t('systems.add.title')} icon={<AddOutlined />}>
      <Stack spacing={2.5}>
        <Tabs value={mode} onChange={(_event, next: AddMode) => setMode(next)} aria-label={t('systems.add.modesLabel')}>
          {ADD_MODES.map((value) => (
            <Tab key={value} value={value} label={labels[value]} id={`${tabsId}-tab-${value}`} aria-controls={`${tabsId}-panel-${value}`} />
          ))}
        </Tabs>
        {ADD_MODES.map((value) => (
          <Box
            key={value}
            role="tabpanel"
            hidden={mode !== value}
            id={`${tabsId}-panel-${value}`}
            aria-labelledby={`${tabsId}-tab-${value}`}
          >
            {mode === value && value === 'one' && <OneSystemForm initialMac={initialMac} adding={adding} onCancel={onCancel} />}
            {mode === value && value === 'range' && <RangeForm adding={adding} onCancel={onCancel} />}
            {mode === value && value === 'file' && <FileForm adding={adding} onCancel={onCancel} />}
          </Box>
        ))}
        {adding.error && <ApiErrorAlert title={t('systems.add.failed')} error={adding.error} onClose={adding.dismissError} />}
        {adding.report && <AddSystemsReport report={adding.report} states={adding.outbox} onClose={adding.dismissReport} />}
      </Stack>
    </Section>
  );
}

type Adding = ReturnType<typeof useAddSystems>;

/** Save / Cancel under each way of adding; Enter in a field saves. */
function AddForm({
  label,
  adding,
  onSave,
  onCancel,
  children,
}: {
  label: string;
  adding: Adding;
  onSave: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box
      component="form"
      noValidate
      aria-label={label}
      aria-busy={adding.sending}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!adding.sending) onSave();
      }}
    >
      <Stack spacing={2.5}>
        {children}
        <Stack direction="row" spacing={1.5}>
          <Button
            type="submit"
            variant="contained"
            disabled={adding.sending}
            startIcon={adding.sending ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
          >
            {t('systems.add.save')}
          </Button>
          <Button onClick={onCancel} disabled={adding.sending}>
            {t('systems.add.cancel')}
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}

function OneSystemForm({ initialMac, adding, onCancel }: { initialMac: string; adding: Adding; onCancel: () => void }) {
  const { t } = useTranslation();
  const [mac, setMac] = useState(initialMac);
  const [name, setName] = useState('');
  const [macError, setMacError] = useState<string | null>(null);
  const macInput = useRef<HTMLInputElement | null>(null);

  const save = async () => {
    const check = checkOne(mac, name);
    if (!check.ok) {
      setMacError(check.macError);
      macInput.current?.focus();
      return;
    }
    setMac(check.macText);
    setMacError(null);
    // One MAC typed with a name: renaming a known system is what this form is for (its help says so).
    if (await adding.send(check.systems, null, 'rename')) {
      setMac('');
      setName('');
    }
  };

  const cancel = () => {
    setMac('');
    setName('');
    setMacError(null);
    onCancel();
  };

  return (
    <AddForm label={t('systems.add.modes.one')} adding={adding} onSave={() => void save()} onCancel={cancel}>
      <Typography variant="body2" color="text.secondary">
        {t('systems.add.oneHelp')}
      </Typography>
      <TextField
        label={t('systems.add.mac')}
        value={mac}
        onChange={(event) => {
          setMac(event.target.value);
          setMacError(null);
        }}
        onBlur={() => {
          const parsed = checkOne(mac, '');
          if (mac.trim() !== '' && parsed.ok) setMac(parsed.macText);
          else if (mac.trim() !== '' && !parsed.ok) setMacError(parsed.macError);
        }}
        error={macError !== null}
        helperText={macError ?? t('redeem.mac.help')}
        inputRef={macInput}
        sx={{ maxWidth: 440 }}
        slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', autoCapitalize: 'characters', maxLength: 64 } }}
      />
      <TextField
        label={t('systems.add.name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        sx={{ maxWidth: 440 }}
        slotProps={{ htmlInput: { autoComplete: 'off', maxLength: 200 } }}
      />
    </AddForm>
  );
}

function RangeForm({ adding, onCancel }: { adding: Adding; onCancel: () => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [renameChoice, setRenameChoice] = useState<RenameChoice>('keep');
  const preview = previewRange(from, to);
  const systems = useMemo(() => (preview.state === 'ok' ? rangeSystems(preview.macs, name) : []), [preview, name]);
  const renames = useRenamePreview(systems);

  const save = async () => {
    setTried(true);
    if (preview.state !== 'ok') return;
    if (await adding.send(systems, null, renameChoice)) {
      setFrom('');
      setTo('');
      setName('');
      setTried(false);
      setRenameChoice('keep');
    }
  };

  const cancel = () => {
    setFrom('');
    setTo('');
    setName('');
    setTried(false);
    onCancel();
  };

  return (
    <AddForm label={t('systems.add.modes.range')} adding={adding} onSave={() => void save()} onCancel={cancel}>
      <Typography variant="body2" color="text.secondary">
        {t('systems.add.rangeHelp')}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label={t('systems.add.from')}
          value={from}
          onChange={(event) => setFrom(event.target.value)}
          fullWidth
          slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 64 } }}
        />
        <TextField
          label={t('systems.add.to')}
          value={to}
          onChange={(event) => setTo(event.target.value)}
          fullWidth
          slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 64 } }}
        />
      </Stack>
      <TextField
        label={t('systems.add.nameOptional')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        helperText={t('systems.add.rangeNameHelp')}
        sx={{ maxWidth: 440 }}
        slotProps={{ htmlInput: { autoComplete: 'off', maxLength: 190 } }}
      />
      <div role="status" aria-live="polite">
        {preview.state === 'ok' && (
          <Alert severity="info">
            {t('systems.add.rangeCount', { count: preview.macs.length, first: preview.first, last: preview.last })}
          </Alert>
        )}
        {preview.state === 'invalid' && <Alert severity="error">{preview.message}</Alert>}
        {preview.state === 'incomplete' && tried && <Alert severity="error">{t('systems.add.rangeIncomplete')}</Alert>}
      </div>
      {renames && <RenamePreview renames={renames} choice={renameChoice} onChoice={setRenameChoice} />}
    </AddForm>
  );
}

function FileForm({ adding, onCancel }: { adding: Adding; onCancel: () => void }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement | null>(null);

  const read = async (file: File) => {
    setRefused(null);
    setPreview(null);
    if (!/\.(txt|csv)$/i.test(file.name)) {
      setRefused(t('systems.add.fileWrongType', { name: file.name }));
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setRefused(t('systems.add.fileTooLarge', { name: file.name }));
      return;
    }
    setPreview(previewFile(file.name, await file.text()));
  };

  const [renameChoice, setRenameChoice] = useState<RenameChoice>('keep');
  const systems: SystemToAdd[] = useMemo(() => (preview ? fileSystems(preview) : []), [preview]);
  const renames = useRenamePreview(systems);
  const save = async () => {
    if (!preview) {
      setRefused(t('systems.add.fileNone'));
      return;
    }
    if (systems.length === 0) return;
    if (await adding.send(systems, preview, renameChoice)) {
      setPreview(null);
      setRenameChoice('keep');
    }
  };

  const cancel = () => {
    setPreview(null);
    setRefused(null);
    onCancel();
  };

  const dropTarget = {
    onDragOver: (event: DragEvent) => {
      if (![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (event: DragEvent) => {
      setDragging(false);
      const file = event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      void read(file);
    },
  };

  return (
    <AddForm label={t('systems.add.modes.file')} adding={adding} onSave={() => void save()} onCancel={cancel}>
      <Box
        {...dropTarget}
        sx={{
          border: '2px dashed',
          borderColor: dragging ? 'primary.main' : 'divider',
          borderRadius: 1,
          p: 3,
          textAlign: 'center',
        }}
      >
        <Stack spacing={1.5} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary">
            {t('systems.add.fileHelp')}
          </Typography>
          <Button variant="outlined" startIcon={<UploadFileOutlined />} onClick={() => fileInput.current?.click()}>
            {t('systems.add.chooseFile')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".txt,.csv,text/plain,text/csv"
            hidden
            tabIndex={-1}
            aria-label={t('systems.add.chooseFile')}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void read(file);
            }}
          />
        </Stack>
      </Box>
      {refused && <Alert severity="error">{refused}</Alert>}
      {preview && <FilePreviewTable preview={preview} addable={systems.length} />}
      {preview && renames && <RenamePreview renames={renames} choice={renameChoice} onChoice={setRenameChoice} />}
    </AddForm>
  );
}

function FilePreviewTable({ preview, addable }: { preview: FilePreview; addable: number }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={1.5}>
      {preview.problem ? (
        <Alert severity="error">{preview.problem}</Alert>
      ) : (
        <Alert severity={addable === preview.rows.length ? 'info' : 'warning'} role="status">
          {t('systems.add.fileCount', { name: preview.fileName, count: addable, rows: preview.rows.length })}
        </Alert>
      )}
      {preview.rows.length > 0 && (
        <TableContainer sx={{ maxHeight: 360 }}>
          <Table size="small" stickyHeader aria-label={t('systems.add.filePreviewLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('systems.add.columns.line')}</TableCell>
                <TableCell>{t('systems.add.columns.mac')}</TableCell>
                <TableCell>{t('systems.add.columns.name')}</TableCell>
                <TableCell>{t('systems.add.columns.problem')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.rows.map((row) => (
                <TableRow key={`${row.line}:${row.input}`}>
                  <TableCell>{row.line}</TableCell>
                  <TableCell sx={{ fontFamily: monospaceFontStack, whiteSpace: 'nowrap' }}>
                    {row.mac ? displayMac(row.mac) : row.input}
                  </TableCell>
                  <TableCell>{row.name}</TableCell>
                  <TableCell sx={{ color: row.message ? 'error.main' : undefined }}>{row.message ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}
