import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useRef, useState, type DragEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { AddForm } from './AddForm';
import { fileSchema, type FileValues } from './add-systems-form';
import { fileSystems, previewFile, type SystemToAdd } from './add-systems-rules';
import { FilePreviewTable } from './FilePreviewTable';
import { RenamePreview, useRenamePreview } from './RenamePreview';
import type { Adding } from './use-add-systems';

/** A MAC file larger than this is not a list of 50 MACs. */
const MAX_FILE_BYTES = 1024 * 1024;

/** A .txt or .csv file of MACs (at most 50), chosen or dropped: its preview, row by row, and the renames it would make. */
export function FileForm({ adding, onCancel }: { adding: Adding; onCancel: () => void }) {
  const { t } = useTranslation();
  const schema = useMemo(() => fileSchema(t('systems.add.fileNone')), [t]);
  const {
    control,
    handleSubmit,
    reset,
    getValues,
    setValue,
    setError,
    clearErrors,
    formState: { errors },
  } = useForm<FileValues, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { preview: null, renames: 'keep' },
    reValidateMode: 'onSubmit',
  });
  const [preview, renameChoice] = useWatch({ control, name: ['preview', 'renames'] });
  const systems: SystemToAdd[] = useMemo(() => (preview ? fileSystems(preview) : []), [preview]);
  const renames = useRenamePreview(systems);

  /** A file's preview; one that is not .txt / .csv, or far too large, is refused with a sentence. */
  const read = async (file: File) => {
    clearErrors('preview');
    setValue('preview', null);
    if (!/\.(txt|csv)$/i.test(file.name)) {
      setError('preview', { type: 'refused', message: t('systems.add.fileWrongType', { name: file.name }) });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setError('preview', { type: 'refused', message: t('systems.add.fileTooLarge', { name: file.name }) });
      return;
    }
    setValue('preview', previewFile(file.name, await file.text()));
  };

  const save = handleSubmit(async (values) => {
    if (!values.preview) return;
    const toSend = fileSystems(values.preview);
    if (toSend.length === 0) return;
    if (await adding.send(toSend, values.preview, values.renames)) reset({ preview: null, renames: 'keep' });
  });

  const cancel = () => {
    reset({ preview: null, renames: getValues('renames') });
    onCancel();
  };

  return (
    <AddForm label={t('systems.add.modes.file')} adding={adding} onSave={() => void save()} onCancel={cancel}>
      <FileDropZone onFile={(file) => void read(file)} />
      {errors.preview?.message && <Alert severity="error">{errors.preview.message}</Alert>}
      {preview && <FilePreviewTable preview={preview} addable={systems.length} />}
      {preview && renames && <RenamePreview renames={renames} choice={renameChoice} onChoice={(choice) => setValue('renames', choice)} />}
    </AddForm>
  );
}

/** Choose a file, or drop one here. */
function FileDropZone({ onFile }: { onFile: (file: File) => void }) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement | null>(null);

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
      onFile(file);
    },
  };

  return (
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
            if (file) onFile(file);
          }}
        />
      </Stack>
    </Box>
  );
}
