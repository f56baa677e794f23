/**
 * Create or edit an enterprise in a drawer. The credit code's format and check digit are checked here as a
 * courtesy (server/domain/credit-code.ts, the same code the server runs), but the server decides: its field
 * errors land next to the fields, and when it answers INVALID_CREDIT_CODE the office gets the override-reason field.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { api, isApiError, type Enterprise, type EnterpriseInput } from '../../../api/index.ts';
import type { ResponseOf } from '../../../api/generated.ts';
import { checkCreditCode } from '../../../../../server/domain/credit-code.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useUser } from '../../../session.tsx';
import { applyFieldErrors, errorText } from '../../../shared/errors.ts';
import { currentTerritories, useReference } from '../../../shared/reference.ts';

type Values = Required<Pick<EnterpriseInput, 'creditCode' | 'name' | 'territoryCode' | 'industryCode'>> & {
  address?: string;
  legalRepresentative?: string;
  contactName?: string;
  contactPhone?: string;
  creditCodeOverrideReason?: string;
};

const FIELDS = [
  'creditCode',
  'name',
  'territoryCode',
  'industryCode',
  'address',
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'creditCodeOverrideReason',
] as const;
const OPTIONAL = ['address', 'legalRepresentative', 'contactName', 'contactPhone'] as const;

type Registration = ResponseOf<'/api/v1/enterprise-registrations/{id}', 'get'>;
/** A territory account's registration or credit-code change answers 202 with its registration record (issue 19). */
const asRegistration = (x: unknown): Registration | undefined =>
  typeof x === 'object' && x !== null && 'kind' in x && 'stateName' in x ? (x as Registration) : undefined;

export function EnterpriseFormDrawer({
  open,
  enterprise,
  onClose,
  onSaved,
}: {
  open: boolean;
  enterprise?: Enterprise;
  onClose: () => void;
  onSaved: (e: Enterprise) => void;
}) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const ref = useReference();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [showOverride, setShowOverride] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    setShowOverride(false);
    form.resetFields();
    if (enterprise) {
      const { creditCode, name, territoryCode, industryCode, address, legalRepresentative, contactName, contactPhone } = enterprise;
      form.setFieldsValue({
        creditCode,
        name,
        territoryCode,
        industryCode,
        address: address ?? '',
        legalRepresentative: legalRepresentative ?? '',
        contactName: contactName ?? '',
        contactPhone: contactPhone ?? '',
      });
    } else if (user.role === 'territory' && user.territoryCode) {
      form.setFieldsValue({ territoryCode: user.territoryCode });
    }
  }, [open, enterprise, form, user]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    const clean = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : null);
    try {
      let saved: Enterprise;
      const reason = v.creditCodeOverrideReason?.trim();
      if (enterprise) {
        const body: Partial<EnterpriseInput> & { version: number } = { version: enterprise.version };
        const code = v.creditCode.trim().toUpperCase();
        if (code !== enterprise.creditCode) body.creditCode = code;
        if (v.name.trim() !== enterprise.name) body.name = v.name.trim();
        if (v.territoryCode !== enterprise.territoryCode) body.territoryCode = v.territoryCode;
        if (v.industryCode !== enterprise.industryCode) body.industryCode = v.industryCode;
        for (const k of OPTIONAL) if (clean(v[k]) !== enterprise[k]) body[k] = clean(v[k]);
        if (reason) body.creditCodeOverrideReason = reason;
        saved = await api.enterprises.update(enterprise.id, body);
        // 202: the credit-code change went through the office's registrations; the other fields are saved
        const change = asRegistration(saved);
        if (change) {
          if (change.state === 'pending') void message.info(t('ent.codeChangePending'));
          else void message.success(t('common.saved'));
          onSaved(await api.enterprises.get(enterprise.id));
          return;
        }
      } else {
        const body: EnterpriseInput = {
          creditCode: v.creditCode.trim().toUpperCase(),
          name: v.name.trim(),
          territoryCode: v.territoryCode,
          industryCode: v.industryCode,
        };
        for (const k of OPTIONAL) {
          const c = clean(v[k]);
          if (c !== null) body[k] = c;
        }
        if (reason) body.creditCodeOverrideReason = reason;
        saved = await api.enterprises.create(body);
        // 202: a territory account's registration (issue 19, item 5): registered at once (open the enterprise), or
        // awaiting the city office — nothing to open yet
        const reg = asRegistration(saved);
        if (reg) {
          if (reg.state === 'pending' || reg.enterpriseId === null) {
            void message.info(t('ent.registrationPending'));
            onClose();
            return;
          }
          saved = await api.enterprises.get(reg.enterpriseId);
        }
      }
      void message.success(enterprise ? t('common.saved') : t('ent.created'));
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.code === 'INVALID_CREDIT_CODE' && user.role === 'office') setShowOverride(true);
      const { placed } = applyFieldErrors(form, e, lang, FIELDS);
      if (placed === 0) setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const territories = currentTerritories(ref).filter((x) => user.role !== 'territory' || x.code === user.territoryCode);
  const req = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label }) });

  return (
    <Drawer open={open} onClose={onClose} title={enterprise ? t('ent.editTitle') : t('ent.create')} width={Math.min(560, window.innerWidth)} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" data-testid="form-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} name="enterprise" scrollToFirstError>
        <Form.Item
          name="creditCode"
          label={t('ent.creditCode')}
          normalize={(v: string) => v?.toUpperCase()}
          rules={[
            req(t('ent.creditCode')),
            {
              validator: (_r, v: string | undefined) => {
                const c = v ? checkCreditCode(v.trim()) : { ok: true as const };
                return c.ok || c.reason !== 'FORMAT' ? Promise.resolve() : Promise.reject(new Error(t('ent.creditCodeFormat')));
              },
            },
            {
              warningOnly: true,
              validator: (_r, v: string | undefined) => {
                const c = v ? checkCreditCode(v.trim()) : { ok: true as const };
                return c.ok || c.reason !== 'CHECK_DIGIT'
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('ent.creditCodeCheckDigit', { expected: c.expected ?? '?' })));
              },
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        {showOverride && (
          <Form.Item
            name="creditCodeOverrideReason"
            label={t('ent.overrideReason')}
            extra={t('ent.overrideReasonHelp')}
            rules={[req(t('ent.overrideReason')), { min: 5, message: t('ent.overrideReasonHelp') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('ent.name')} rules={[req(t('ent.name'))]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="territoryCode" label={t('ent.territory')} rules={[req(t('ent.territory'))]}>
          <Select
            showSearch
            optionFilterProp="label"
            disabled={user.role === 'territory'}
            options={territories.map((x) => ({ value: x.code, label: pick(x.name, x.nameEn) }))}
          />
        </Form.Item>
        <Form.Item name="industryCode" label={t('ent.industry')} rules={[req(t('ent.industry'))]}>
          <Select showSearch optionFilterProp="label" options={ref.industries.map((x) => ({ value: x.code, label: pick(x.name, x.nameEn) }))} />
        </Form.Item>
        <Form.Item name="address" label={t('ent.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="legalRepresentative" label={t('ent.legalRepresentative')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="contactName" label={t('ent.contactName')}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('ent.contactPhone')}>
          <Input maxLength={40} inputMode="tel" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
