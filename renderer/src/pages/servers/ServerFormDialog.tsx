import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { Dialog } from '../../components/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVER_MODELS, type ServerModel } from '../../../../core/domain/servers';
import type { ServerChangeResult, ServerForm, SiteSummary } from '../../../../core/servers/contract';
import { useApi } from '../../api/CoreProvider';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { canRegister, type FieldMessages } from './server-form-rules';
import { useServerForm, type ServerFormTarget } from './use-server-form';

type TextFieldName = Exclude<keyof ServerForm, 'model' | 'site' | 'siteId' | 'serial' | 'mac'>;

/**
 * Add / Register Server (the serial number first, then the registration form) and
 * Modify/Complete Registration (the form, filled from the cache). Register is there for Connect
 * models only; Save takes an incomplete form. Problems are said on their fields.
 */
export function ServerFormDialog({
  target,
  onClose,
  onDone,
}: {
  target: ServerFormTarget;
  onClose: () => void;
  onDone: (result: ServerChangeResult, action: 'save' | 'register') => void;
}) {
  const { t } = useTranslation();
  const state = useServerForm(target, onDone);
  const { form, problems, change } = state;

  const labels: Record<TextFieldName, string> = {
    systemName: t('servers.form.systemName'),
    company: t('servers.form.company'),
    street: t('servers.form.street'),
    city: t('servers.form.city'),
    region: t('servers.form.region'),
    postalCode: t('servers.form.postalCode'),
    country: t('servers.form.country'),
    contactName: t('servers.form.contactName'),
    contactPhone: t('servers.form.contactPhone'),
    contactEmail: t('servers.form.contactEmail'),
  };
  const textField = (name: TextFieldName, autoComplete?: string) => (
    <TextField
      key={name}
      size="small"
      label={labels[name]}
      value={form[name]}
      onChange={(event) => change(name, event.target.value)}
      error={Boolean(problems[name])}
      helperText={problems[name]}
      slotProps={{ htmlInput: { maxLength: 200, autoComplete: autoComplete ?? 'off', 'data-field': name } }}
      fullWidth
    />
  );

  const focusFirstProblem = (found: FieldMessages) => {
    const first = Object.keys(found)[0];
    if (first) document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  };
  const send = async (action: 'save' | 'register') => focusFirstProblem(await state.send(action));

  const title = state.mode === 'add' ? t('servers.form.addTitle') : t('servers.form.modifyTitle');
  const busy = state.busy;

  let content: ReactNode;
  let actions: ReactNode;
  if (state.notFound) {
    content = <Alert severity="warning">{t('servers.form.notFound')}</Alert>;
    actions = <Button onClick={onClose}>{t('servers.form.cancel')}</Button>;
  } else if (state.step === 'loading') {
    content = (
      <Box sx={{ display: 'flex', justifyContent: 'center', py: 4 }}>
        <CircularProgress aria-label={t('servers.form.loading')} />
      </Box>
    );
    actions = <Button onClick={onClose}>{t('servers.form.cancel')}</Button>;
  } else if (state.step === 'serial') {
    content = (
      <Box
        component="form"
        id="server-serial-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void state.lookUp();
        }}
        sx={{ pt: 1 }}
      >
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t('servers.form.serialHelp')}
        </Typography>
        <TextField
          autoFocus
          size="small"
          label={t('servers.form.serial')}
          value={state.serial}
          onChange={(event) => state.setSerial(event.target.value)}
          error={state.serialError !== null}
          helperText={state.serialError}
          slotProps={{ htmlInput: { maxLength: 64, spellCheck: false, autoComplete: 'off' } }}
          fullWidth
        />
      </Box>
    );
    actions = (
      <>
        <Button onClick={onClose}>{t('servers.form.cancel')}</Button>
        <Button type="submit" form="server-serial-form" variant="contained">
          {t('servers.form.continue')}
        </Button>
      </>
    );
  } else {
    content = (
      <Box
        component="form"
        noValidate
        aria-label={title}
        onSubmit={(event) => event.preventDefault()}
        sx={{ display: 'grid', gap: 2, pt: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}
      >
        {state.uncheckedNote && (
          <Alert severity="info" sx={{ gridColumn: '1 / -1' }}>
            {t('servers.form.unchecked', { reason: state.uncheckedNote })}
          </Alert>
        )}
        <TextField
          size="small"
          label={t('servers.form.serial')}
          value={form.serial}
          slotProps={{ htmlInput: { readOnly: true, 'data-field': 'serial' } }}
          error={Boolean(problems.serial)}
          helperText={problems.serial}
          fullWidth
        />
        <TextField
          select
          size="small"
          label={t('servers.form.model')}
          value={form.model}
          onChange={(event) => change('model', event.target.value as ServerModel)}
          disabled={state.identityLocked}
          error={Boolean(problems.model)}
          helperText={problems.model ?? (state.identityLocked ? t('servers.form.fromSerial') : undefined)}
          slotProps={{ htmlInput: { 'data-field': 'model' } }}
          fullWidth
        >
          {SERVER_MODELS.map((model) => (
            <MenuItem key={model} value={model}>
              {model}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label={t('servers.form.mac')}
          value={form.mac}
          onChange={(event) => change('mac', event.target.value)}
          error={Boolean(problems.mac)}
          helperText={problems.mac ?? (state.identityLocked ? t('servers.form.fromSerial') : undefined)}
          slotProps={{
            htmlInput: { readOnly: state.identityLocked, maxLength: 64, spellCheck: false, autoComplete: 'off', 'data-field': 'mac' },
          }}
          fullWidth
        />
        {textField('systemName')}
        <Box sx={{ gridColumn: '1 / -1' }}>{textField('company', 'organization')}</Box>
        <Box sx={{ gridColumn: '1 / -1' }}>{textField('street', 'street-address')}</Box>
        {textField('city', 'address-level2')}
        {textField('region', 'address-level1')}
        {textField('postalCode', 'postal-code')}
        {textField('country', 'country-name')}
        {textField('contactName', 'name')}
        {textField('contactPhone', 'tel')}
        <Box sx={{ gridColumn: '1 / -1' }}>{textField('contactEmail', 'email')}</Box>
        <SiteField form={form} problem={problems.siteId} onChange={change} />
        {state.error && (
          <Box sx={{ gridColumn: '1 / -1' }}>
            <ApiErrorAlert title={t('servers.form.failed')} error={state.error} onClose={state.dismissError} />
          </Box>
        )}
      </Box>
    );
    actions = (
      <>
        <Button onClick={onClose} disabled={busy}>
          {t('servers.form.cancel')}
        </Button>
        <Button onClick={state.reset} disabled={busy}>
          {t('servers.form.reset')}
        </Button>
        <Button variant={canRegister(form.model) ? 'outlined' : 'contained'} disabled={busy} onClick={() => void send('save')}>
          {t('servers.form.save')}
        </Button>
        {canRegister(form.model) && (
          <Button variant="contained" disabled={busy} onClick={() => void send('register')}>
            {t('servers.form.register')}
          </Button>
        )}
      </>
    );
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="md" fullWidth>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {state.step !== 'form' && state.error && (
          <ApiErrorAlert title={t('servers.form.failed')} error={state.error} onClose={state.dismissError} />
        )}
        {content}
      </DialogContent>
      <DialogActions>{actions}</DialogActions>
    </Dialog>
  );
}

/** Site/Server ID: a new site (the portal numbers it) or an existing one, picked from the partner's sites. */
function SiteField({
  form,
  problem,
  onChange,
}: {
  form: ServerForm;
  problem: string | undefined;
  onChange: <K extends keyof ServerForm>(field: K, value: ServerForm[K]) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [sites, setSites] = useState<SiteSummary[]>([]);

  useEffect(() => {
    if (form.site !== 'existing') return;
    let current = true;
    void api
      .invoke('servers.sites', { query, limit: 50 })
      .then((answer) => {
        if (current) setSites(answer.sites);
      })
      .catch(() => {
        // The list is a help: the field still says what is wrong when the ID is sent.
      });
    return () => {
      current = false;
    };
  }, [api, query, form.site]);

  const selected =
    sites.find((site) => site.siteId === form.siteId) ?? (form.siteId ? { siteId: form.siteId, company: null, servers: 0 } : null);
  const describe = (site: SiteSummary) =>
    site.company ? t('servers.form.siteOption', { siteId: site.siteId, company: site.company, count: site.servers }) : site.siteId;

  return (
    <FormControl sx={{ gridColumn: '1 / -1' }}>
      <FormLabel id="server-site-label">{t('servers.form.site')}</FormLabel>
      <RadioGroup
        row
        aria-labelledby="server-site-label"
        value={form.site}
        onChange={(event) => onChange('site', event.target.value as ServerForm['site'])}
      >
        <FormControlLabel value="new" control={<Radio />} label={t('servers.form.siteNew')} />
        <FormControlLabel value="existing" control={<Radio />} label={t('servers.form.siteExisting')} />
      </RadioGroup>
      {form.site === 'existing' && (
        <Autocomplete
          options={sites}
          value={selected}
          filterOptions={(options) => options}
          getOptionLabel={describe}
          isOptionEqualToValue={(option, value) => option.siteId === value.siteId}
          onChange={(_event, site) => onChange('siteId', site?.siteId ?? '')}
          onInputChange={(_event, value, reason) => {
            if (reason === 'input') setQuery(value);
          }}
          noOptionsText={t('servers.form.noSites')}
          renderInput={(params) => (
            <TextField
              {...params}
              size="small"
              label={t('servers.form.existingSite')}
              error={Boolean(problem)}
              helperText={problem}
              slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-field': 'siteId' } }}
            />
          )}
          sx={{ mt: 1, maxWidth: 480 }}
        />
      )}
      {form.site !== 'existing' && problem && (
        <Typography color="error" variant="caption">
          {problem}
        </Typography>
      )}
    </FormControl>
  );
}
