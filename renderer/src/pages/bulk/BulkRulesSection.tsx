import Typography from '@mui/material/Typography';
import RuleOutlined from '@mui/icons-material/RuleOutlined';
import { useTranslation } from 'react-i18next';
import { BULK_RULES } from '../../../../core/domain/bulk-rules';
import { Section } from '../../components/Section';
import { useRuleText } from './bulk-labels';

/** File rules: every rule a bulk file must follow, always shown, so the technician knows them before choosing a file. */
export function BulkRulesSection() {
  const { t } = useTranslation();
  const ruleText = useRuleText();
  return (
    <Section title={t('bulk.rules.title')} icon={<RuleOutlined />}>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {t('bulk.rules.lead')}
      </Typography>
      <Typography component="ol" aria-label={t('bulk.rules.title')} sx={{ m: 0, pl: 3, '& li': { mb: 0.5 } }}>
        {BULK_RULES.map((rule) => (
          <li key={rule.id}>{ruleText(rule.id)}</li>
        ))}
      </Typography>
    </Section>
  );
}
