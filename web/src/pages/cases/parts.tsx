/** Small pieces shared by the case page and the explain drawer: deadline steps, payload summary, param values. */
import { Alert, Descriptions, Typography } from 'antd';
import type { DeadlineStep, DeadlineWarning } from '../../api/index.ts';
import { dict, type DictKey } from '../../i18n/dict.ts';
import { useI18n } from '../../i18n/index.tsx';
import { choiceLabel, fieldLabel } from './ActFields.tsx';
import { citeBasis, useLawBases } from './lawBases.ts';

/** The computation steps of a deadline (zh or en), each with the citation of its rule, then the warnings. */
export function DeadlineSteps({ steps, warnings, testId }: { steps: DeadlineStep[]; warnings: DeadlineWarning[]; testId?: string }) {
  const { lang, pick } = useI18n();
  const bases = useLawBases();
  return (
    <div data-testid={testId}>
      <ol className="deadline-steps">
        {steps.map((s, i) => (
          <li key={i}>
            <div>{pick(s.zh, s.en)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {citeBasis(bases, s.basisId, lang)}
            </Typography.Text>
          </li>
        ))}
      </ol>
      {warnings.map((w, i) => (
        <Alert key={i} type="warning" showIcon style={{ marginTop: 8 }} message={pick(w.zh, w.en)} />
      ))}
    </div>
  );
}

/** A payload value in words: choices by the dictionary, lists joined, booleans yes/no. */
export function useValueText() {
  const { t, lang } = useI18n();
  return (v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? choiceLabel(t, x) : JSON.stringify(x))).join(lang === 'zh' ? '、' : ', ');
    if (typeof v === 'string') {
      const k = `paramValue.${v}`;
      return k in dict.zh ? t(k as DictKey) : choiceLabel(t, v);
    }
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
}

/** The details an act recorded (its payload), labelled; evidence ids are shown as links elsewhere. */
export function PayloadSummary({ payload }: { payload: unknown }) {
  const { t } = useI18n();
  const text = useValueText();
  if (!payload || typeof payload !== 'object') return null;
  const entries = Object.entries(payload as Record<string, unknown>).filter(([k, v]) => k !== 'evidenceIds' && v !== undefined && v !== null && v !== '');
  if (entries.length === 0) return null;
  return (
    <Descriptions size="small" column={1} colon className="payload-summary">
      {entries.map(([k, v]) => (
        <Descriptions.Item key={k} label={fieldLabel(t, k)}>
          {typeof v === 'string' && text(v) === v ? <span data-user-data>{v}</span> : text(v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** A parameter's human name (dictionary `param.<name>`, else the name). */
export function useParamLabel() {
  const { t } = useI18n();
  return (name: string) => {
    const k = `param.${name}`;
    return k in dict.zh ? t(k as DictKey) : name;
  };
}
