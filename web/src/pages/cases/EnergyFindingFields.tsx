/**
 * The energy finding's standard fields from the reference data (issue 17 item 4; plan §2.1): the inspector picks the
 * limit standard, then its edition, then the process; the limit and unit fill in from GET /law/energy-limits and the
 * limit is shown with its edition and what is unverified about it. Where an edition's values are not encoded (the
 * 2020 editions, facts-cn §5) the limit is entered from the standard text. The measured value is checked against
 * the limit before submit: only capacity above the limit is a finding (the server refuses it too).
 * The other energy fields (description…) stay with the schema-driven fields.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Input, Select, type FormInstance } from 'antd';
import { request } from '../../api/client.ts';
import type { ResponseOf } from '../../api/generated.ts';
import { useI18n } from '../../i18n/index.tsx';
import { withParens } from '../../i18n/punct.ts';
import { unitLabel } from '../../i18n/units.ts';
import { fieldLabel } from './ActFields.tsx';

type Standards = ResponseOf<'/api/v1/law/energy-limits', 'get'>;
export type EnergyStandard = Standards['items'][number];

/** The fields this component renders (the schema-driven fields leave them out). */
export const ENERGY_REFERENCE_FIELDS = ['standard', 'edition', 'process', 'measured', 'limit', 'unit'] as const;

let cached: Promise<EnergyStandard[]> | undefined;
function loadStandards(): Promise<EnergyStandard[]> {
  cached ??= request<Standards>('/law/energy-limits').then(
    (r) => r.items,
    (e: unknown) => {
      cached = undefined;
      throw e;
    },
  );
  return cached;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

export function EnergyFindingFields({ form }: { form: FormInstance }) {
  const { t, lang, pick } = useI18n();
  const [standards, setStandards] = useState<EnergyStandard[]>([]);
  useEffect(() => {
    let live = true;
    loadStandards().then(
      (s) => live && setStandards(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const standard = Form.useWatch(['finding', 'standard'], form) as string | undefined;
  const edition = Form.useWatch(['finding', 'edition'], form) as string | undefined;
  const process = Form.useWatch(['finding', 'process'], form) as string | undefined;
  const limit = Form.useWatch(['finding', 'limit'], form) as string | undefined;
  const unit = Form.useWatch(['finding', 'unit'], form) as string | undefined;
  const std = standards.find((s) => s.standard === standard);
  const ed = std?.editions.find((e) => e.edition === edition);
  const proc = ed?.processes.find((p) => p.process === process);
  const units = useMemo(() => [...new Set(standards.flatMap((s) => s.editions.flatMap((e) => e.processes.map((p) => p.unit))))], [standards]);
  const label = (name: string) => fieldLabel(t, name, undefined, 'energy');
  const required = (name: string) => [{ required: true, message: t('common.required', { field: label(name) }) }];

  const choose = (patch: Record<string, string | undefined>) => form.setFieldsValue({ finding: patch });

  return (
    <>
      <Form.Item name={['finding', 'standard']} label={label('standard')} rules={required('standard')}>
        <Select
          data-testid="energy-standard"
          showSearch
          optionFilterProp="label"
          options={standards.map((s) => ({ value: s.standard, label: `${s.standard} ${pick(`《${s.titleZh}》`, s.titleEn)}` }))}
          onChange={(v: string) => {
            const first = standards.find((s) => s.standard === v)?.editions[0];
            choose({ edition: first?.edition, process: undefined, limit: undefined, unit: undefined });
          }}
        />
      </Form.Item>
      <Form.Item name={['finding', 'edition']} label={label('edition')} rules={required('edition')}>
        <Select
          data-testid="energy-edition"
          disabled={!std}
          options={(std?.editions ?? []).map((e) => ({
            value: e.edition,
            label: e.inForceFrom ? withParens(lang, e.edition, t('energy.inForceFrom', { date: e.inForceFrom })) : e.edition,
          }))}
          onChange={() => choose({ process: undefined, limit: undefined, unit: undefined })}
        />
      </Form.Item>
      <Form.Item name={['finding', 'process']} label={label('process')} rules={required('process')}>
        <Select
          data-testid="energy-process"
          disabled={!ed}
          options={(ed?.processes ?? []).map((p) => ({ value: p.process, label: pick(p.process, p.processEn) }))}
          onChange={(v: string) => {
            const p = ed?.processes.find((x) => x.process === v);
            choose({ limit: p?.limit ?? undefined, unit: p?.unit });
          }}
        />
      </Form.Item>
      {proc && ed ? (
        <Alert
          type={proc.limit === null ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="energy-limit"
          message={
            proc.limit === null
              ? t('energy.limitNotEncoded', { edition: ed.edition })
              : t('energy.limitShown', { limit: proc.limit, unit: unitLabel(lang, proc.unit), edition: ed.edition })
          }
          description={pick(ed.citationZh, ed.citation)}
        />
      ) : null}
      <div style={{ display: 'flex', gap: 16 }}>
        <Form.Item
          name={['finding', 'limit']}
          label={label('limit')}
          style={{ flex: 1 }}
          rules={[...required('limit'), { pattern: DECIMAL, message: t('common.fieldInvalid') }]}
        >
          <Input inputMode="decimal" data-testid="energy-limit-value" />
        </Form.Item>
        <Form.Item name={['finding', 'unit']} label={label('unit')} style={{ flex: 1 }} rules={required('unit')}>
          <Select data-testid="energy-unit" options={units.map((u) => ({ value: u, label: unitLabel(lang, u) }))} />
        </Form.Item>
      </div>
      <Form.Item
        name={['finding', 'measured']}
        label={label('measured')}
        dependencies={[['finding', 'limit']]}
        extra={limit && DECIMAL.test(limit) ? t('energy.measuredHelp', { limit, unit: unit ? unitLabel(lang, unit) : '' }) : undefined}
        rules={[
          ...required('measured'),
          { pattern: DECIMAL, message: t('common.fieldInvalid') },
          {
            validator: (_r, v: string | undefined) =>
              v && DECIMAL.test(v) && limit && DECIMAL.test(limit) && !(Number(v) > Number(limit))
                ? Promise.reject(new Error(t('energy.withinLimit', { measured: v, limit })))
                : Promise.resolve(),
          },
        ]}
      >
        <Input inputMode="decimal" data-testid="energy-measured" />
      </Form.Item>
    </>
  );
}
