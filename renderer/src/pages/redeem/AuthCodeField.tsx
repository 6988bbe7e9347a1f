import TextField from '@mui/material/TextField';
import { memo, type ClipboardEvent, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { monospaceFontStack } from '../../theme/theme';

export interface AuthCodeFieldProps {
  /** 0-based; the label says `Auth Code <index + 1>`. */
  index: number;
  /** The input's id (the problem summary links to it). */
  id: string;
  value: string;
  /** A problem with this code (red); takes the place of the note. */
  error: string | null;
  /** What the code is (SKU description, offline) when nothing is wrong. */
  note: string | null;
  disabled: boolean;
  inputRef: Ref<HTMLInputElement>;
  onChange: (index: number, value: string) => void;
  /** `leavingFor`: what takes the focus (the Redeem button checks every field itself). */
  onBlur: (index: number, leavingFor: EventTarget | null) => void;
  onKeyDown: (index: number, event: KeyboardEvent<HTMLInputElement>) => void;
  onPaste: (index: number, event: ClipboardEvent<HTMLInputElement>) => void;
}

/** One Auth Code box, like the portal's; the form decides what its notes say. */
export const AuthCodeField = memo(function AuthCodeField({
  index,
  id,
  value,
  error,
  note,
  disabled,
  inputRef,
  onChange,
  onBlur,
  onKeyDown,
  onPaste,
}: AuthCodeFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      label={t('redeem.code.label', { number: index + 1 })}
      value={value}
      onChange={(event) => onChange(index, event.target.value)}
      onBlur={(event) => onBlur(index, event.relatedTarget)}
      onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => onKeyDown(index, event)}
      onPaste={(event: ClipboardEvent<HTMLInputElement>) => onPaste(index, event)}
      error={error !== null}
      helperText={error ?? note ?? undefined}
      disabled={disabled}
      inputRef={inputRef}
      size="small"
      fullWidth
      slotProps={{
        htmlInput: {
          spellCheck: false,
          autoComplete: 'off',
          autoCapitalize: 'characters',
          // 24 characters, 3 dashes, and room for what a scanner or e-mail adds.
          maxLength: 200,
          style: { fontFamily: monospaceFontStack, letterSpacing: '0.02em' },
        },
      }}
    />
  );
});
