import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DnsOutlined from '@mui/icons-material/DnsOutlined';
import ImageSearchOutlined from '@mui/icons-material/ImageSearchOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import PhotoCameraOutlined from '@mui/icons-material/PhotoCameraOutlined';
import { useCallback, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { Section } from '../../components/Section';
import { AuthCodeField } from './AuthCodeField';
import { FillReportAlert } from './FillReportAlert';
import { canonicalCode, MAX_CODE_FIELDS } from './code-fields';
import { problemsInFormOrder } from './draft-check';
import { MacField } from './MacField';
import { PickFromInventoryDialog, type PickOutcome } from './PickFromInventoryDialog';
import { PickOutcomeAlert } from './PickOutcomeAlert';
import { ProblemSummary, type FormProblem } from './ProblemSummary';
import { ResetDialog } from './ResetDialog';
import type { RedeemSession, RedeemSessionState } from './redeem-session';
import type { ScanningTools } from './scanning';
import { useCodeFields } from './use-code-fields';
import { useMacEntry } from './use-mac-entry';
import { usePictureInput } from './use-picture-input';
import { useRedeemSubmit } from './use-redeem-submit';

export interface RedeemFormProps {
  session: RedeemSession;
  state: RedeemSessionState;
  scanning: ScanningTools;
  /** The redemption was sent and answered (redeemed or queued): the page shows its outcome next. */
  onRedeemed?: () => void;
}

/** The ids of the form's inputs: the problem summary links to them. */
const FIELD_IDS = { serial: 'redeem-serial', mac: 'redeem-mac', systemName: 'redeem-system-name' } as const;
const codeFieldId = (index: number) => `redeem-code-${index + 1}`;

/**
 * The portal's Redeem form, made for a technician on site: MAC in any format with known systems
 * offered, codes typed, pasted (a whole e-mail or column at once), scanned with a USB scanner
 * (Enter moves on), read by the camera or from a picture; every code checked as it lands.
 *
 * Enter in a code field never submits (a scanner ends every code with Enter); Ctrl+Enter
 * (⌘+Enter on a Mac) anywhere in the form redeems, as the Redeem button does.
 *
 * The layout of the page; each kind of input is a hook of its own (use-code-fields,
 * use-mac-entry, use-picture-input, use-redeem-submit) and the draft's rules are in draft-check.
 */
export function RedeemForm({ session, state, scanning, onRedeemed }: RedeemFormProps) {
  const { t } = useTranslation();
  const { draft, submitting: locked } = state;
  const codeFields = useCodeFields(session, locked);
  const mac = useMacEntry(session, { onEntered: codeFields.focusFirstEmpty });
  const picture = usePictureInput(scanning.readBarcodesFromPicture, {
    locked,
    fill: codeFields.fillFromPicture,
    starting: codeFields.dismissReport,
  });
  const redeem = useRedeemSubmit(session, { codeFields, mac, onRedeemed });
  const serialInput = useRef<HTMLInputElement>(null);
  const systemNameInput = useRef<HTMLInputElement>(null);
  const [scanMode, setScanMode] = useState<'codes' | 'mac' | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [picking, setPicking] = useState(false);
  const [pickOutcome, setPickOutcome] = useState<PickOutcome | null>(null);

  const { onFieldPaste } = picture;
  const { onPasteText } = codeFields;
  const onCodePaste = useCallback(
    (index: number, event: ClipboardEvent<HTMLInputElement>) => {
      if (!onFieldPaste(index, event)) onPasteText(index, event);
    },
    [onFieldPaste, onPasteText],
  );

  const reset = () => {
    session.reset();
    codeFields.reset();
    mac.reset();
    picture.reset();
    redeem.reset();
    setConfirmingReset(false);
    mac.focus();
  };

  const onResetClick = () => {
    if (session.draft.codes.some((value) => value.trim() !== '')) setConfirmingReset(true);
    else reset();
  };

  const ScannerPanel = scanning.ScannerPanel;
  const { codes } = codeFields;

  // What the summary lists: the problems the fields show now (so it shrinks as they are fixed).
  const problems: FormProblem[] =
    redeem.summaryRequest === 0
      ? []
      : problemsInFormOrder({
          serial: redeem.fieldErrors.serial,
          mac: mac.error,
          systemName: redeem.fieldErrors.systemName,
          codes: codes.map((_, index) => codeFields.errorOf(index)),
        }).map((problem): FormProblem => {
          if (problem.field === 'code') {
            return {
              fieldId: codeFieldId(problem.index),
              label: t('redeem.code.label', { number: problem.index + 1 }),
              message: problem.message,
              focus: () => codeFields.focusField(problem.index),
            };
          }
          const field = {
            mac: { label: t('redeem.mac.label'), focus: mac.focus },
            serial: { label: t('redeem.serial.label'), focus: () => serialInput.current?.focus() },
            systemName: { label: t('redeem.systemName.label'), focus: () => systemNameInput.current?.focus() },
          }[problem.field];
          return { fieldId: FIELD_IDS[problem.field], message: problem.message, ...field };
        });

  return (
    <Box
      component="form"
      noValidate
      aria-label={t('redeem.form.label')}
      aria-busy={locked}
      onSubmit={(event) => event.preventDefault()}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void redeem.submit();
        }
      }}
      {...picture.dropTarget}
      sx={{
        display: 'grid',
        gap: 3,
        outline: picture.dragging ? '2px dashed' : 'none',
        outlineColor: 'primary.main',
        outlineOffset: 8,
        borderRadius: 1,
      }}
    >
      {redeem.error && <ApiErrorAlert title={t('redeem.form.submitFailed')} error={redeem.error} onClose={redeem.dismissError} />}
      {problems.length > 0 && <ProblemSummary problems={problems} focusRequest={redeem.summaryRequest} />}

      <Section title={t('redeem.form.systemTitle')} icon={<DnsOutlined />}>
        <Stack spacing={2.5}>
          <TextField
            id={FIELD_IDS.serial}
            inputRef={serialInput}
            label={t('redeem.serial.label')}
            value={draft.serial}
            onChange={(event) => session.setDraft({ serial: event.target.value })}
            error={Boolean(redeem.fieldErrors.serial)}
            helperText={redeem.fieldErrors.serial}
            disabled={locked}
            sx={{ maxWidth: 440 }}
            slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', maxLength: 64 } }}
          />
          <Box sx={{ maxWidth: 440 }}>
            <MacField
              id={FIELD_IDS.mac}
              value={draft.mac}
              onChange={mac.onChange}
              onCommit={mac.commit}
              error={mac.error}
              note={mac.note}
              disabled={locked}
              onScan={ScannerPanel ? () => setScanMode('mac') : null}
              inputRef={mac.inputRef}
            />
          </Box>
          <TextField
            id={FIELD_IDS.systemName}
            inputRef={systemNameInput}
            label={t('redeem.systemName.label')}
            value={draft.systemName}
            onChange={(event) => session.setDraft({ systemName: event.target.value })}
            error={Boolean(redeem.fieldErrors.systemName)}
            helperText={redeem.fieldErrors.systemName}
            disabled={locked}
            sx={{ maxWidth: 440 }}
            slotProps={{ htmlInput: { autoComplete: 'off', maxLength: 200 } }}
          />
        </Stack>
      </Section>

      <Section
        title={t('redeem.form.codesTitle')}
        icon={<KeyOutlined />}
        action={
          <Button
            variant="outlined"
            size="small"
            startIcon={<PhotoCameraOutlined />}
            onClick={() => setScanMode('codes')}
            disabled={locked || !ScannerPanel}
          >
            {t('redeem.form.scanWithCamera')}
          </Button>
        }
      >
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {t('redeem.form.codesHelp')}
          </Typography>
          {pickOutcome && <PickOutcomeAlert outcome={pickOutcome} onClose={() => setPickOutcome(null)} />}
          {codeFields.report && <FillReportAlert report={codeFields.report} onClose={codeFields.dismissReport} />}
          {picture.problem && (
            <Alert severity="warning" onClose={picture.dismissProblem}>
              {picture.problem}
            </Alert>
          )}
          {picture.reading && <LinearProgress aria-label={t('redeem.picture.reading')} />}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2, rowGap: 0.5 }}>
            {codes.map((value, index) => (
              <AuthCodeField
                // biome-ignore lint/suspicious/noArrayIndexKey: a code field is its position (Auth Code 1, 2, …); fields are only added at the end
                key={index}
                index={index}
                id={codeFieldId(index)}
                value={value}
                error={codeFields.errorOf(index)}
                note={codeFields.noteOf(index)}
                disabled={locked}
                inputRef={codeFields.inputRefFor(index)}
                onChange={codeFields.onChange}
                onBlur={codeFields.onBlur}
                onKeyDown={codeFields.onKeyDown}
                onPaste={onCodePaste}
              />
            ))}
          </Box>
          <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <Button startIcon={<AddOutlined />} onClick={codeFields.addField} disabled={locked || !codeFields.canAddField}>
              {t('redeem.form.addField')}
            </Button>
            <Button startIcon={<ImageSearchOutlined />} onClick={picture.choose} disabled={locked || !picture.available || picture.reading}>
              {t('redeem.form.readPicture')}
            </Button>
            <Button startIcon={<Inventory2Outlined />} onClick={() => setPicking(true)} disabled={locked}>
              {t('redeem.pick.button')}
            </Button>
            <input {...picture.fileInputProps} type="file" accept="image/*" hidden tabIndex={-1} aria-hidden />
            <Typography variant="caption" color="text.secondary">
              {t('redeem.form.fieldCount', { count: codes.length, max: MAX_CODE_FIELDS })}
            </Typography>
          </Stack>
        </Stack>
      </Section>

      <Stack spacing={1.5}>
        {locked && <LinearProgress aria-label={t('redeem.form.redeeming')} />}
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Button
            variant="contained"
            size="large"
            onClick={() => void redeem.submit()}
            data-redeem-submit
            disabled={locked}
            startIcon={locked ? <CircularProgress size={16} color="inherit" aria-hidden /> : undefined}
          >
            {t('redeem.form.redeem')}
          </Button>
          <Button size="large" onClick={onResetClick} disabled={locked}>
            {t('redeem.form.reset')}
          </Button>
          <Typography variant="body2" color="text.secondary">
            {t('redeem.form.shortcutHint')}
          </Typography>
        </Stack>
      </Stack>

      <PickFromInventoryDialog
        open={picking}
        freeFields={picking ? codes.filter((code) => code.trim() === '').length + MAX_CODE_FIELDS - codes.length : 0}
        inForm={picking ? codes.map(canonicalCode).filter((code): code is string => code !== null) : []}
        fill={(picked) => codeFields.fillPicked(picked).placed.length}
        onClose={() => setPicking(false)}
        onFilled={setPickOutcome}
      />
      <ResetDialog open={confirmingReset} onCancel={() => setConfirmingReset(false)} onConfirm={reset} />
      {ScannerPanel && scanMode && (
        <ScannerPanel
          open
          mode={scanMode}
          fields={{ filled: codeFields.codes.filter((code) => code.trim() !== '').length, total: codeFields.codes.length }}
          onCode={scanMode === 'mac' ? mac.onScanned : codeFields.placeScanned}
          onClose={() => setScanMode(null)}
        />
      )}
    </Box>
  );
}
