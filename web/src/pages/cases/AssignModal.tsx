/**
 * 指派承办人 (issue 17 item 2): pick a person among the candidates (GET /cases/{id}/assignee-candidates: the union over
 * the cases given, asked once per territory and lead department) or clear the assignee, with an optional note. One
 * case: PUT /cases/{id}/assignee; several: POST /cases/bulk-assign (each case checked and recorded on its own), whose
 * done/refused summary the caller shows like the bulk acts'.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../shared/errors.ts';
import { assignApi, candidatesFor, type AssignResult, type BulkAssignResult, type Candidate } from './assign-api.ts';

export interface AssignTarget {
  id: number;
  territoryCode: string;
  departmentCode: string;
  assigneeId?: number | null;
}

/** The select's value for "nobody" (assigneeId null). */
const NOBODY = 0;

export function AssignModal(props: {
  open: boolean;
  cases: readonly AssignTarget[];
  onClose: () => void;
  onAssigned: (r: { one: AssignResult } | { many: BulkAssignResult }) => void;
}) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [candidates, setCandidates] = useState<Candidate[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const [value, setValue] = useState<number>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const many = props.cases.length > 1;
  const key = props.cases.map((c) => c.id).join(',');

  useEffect(() => {
    if (!props.open || !props.cases.length) return;
    let live = true;
    setCandidates(undefined);
    setLoadError(undefined);
    setValue(undefined);
    setNote('');
    candidatesFor(props.cases).then(
      (c) => live && setCandidates(c),
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
    // the cases' ids (key) decide what to load
  }, [props.open, key]);

  const submit = async () => {
    if (value === undefined) return;
    const assigneeId = value === NOBODY ? null : value;
    setBusy(true);
    try {
      const body = { assigneeId, ...(note.trim() ? { note: note.trim() } : {}) };
      if (many) props.onAssigned({ many: await assignApi.bulkAssign({ caseIds: props.cases.map((c) => c.id), ...body }) });
      else props.onAssigned({ one: await assignApi.assign(props.cases[0]!.id, body) });
    } catch (e) {
      void message.error(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  const options = [
    ...(candidates ?? []).map((c) => ({
      value: c.id,
      search: `${c.name} ${c.unit.name} ${c.unit.nameEn}`.toLowerCase(),
      label: (
        <span data-testid={`assign-option-${c.id}`}>
          <span data-user-data>{c.name}</span>
          <Typography.Text type="secondary"> · {pick(c.unit.name, c.unit.nameEn)}</Typography.Text>
        </span>
      ),
    })),
    { value: NOBODY, search: t('assign.clear').toLowerCase(), label: <span data-testid="assign-option-nobody">{t('assign.clear')}</span> },
  ];

  return (
    <Modal
      open={props.open}
      title={many ? t('assign.titleMany', { n: props.cases.length }) : t('assign.title')}
      onCancel={props.onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ disabled: value === undefined, ...({ 'data-testid': 'assign-confirm' } as Record<string, string>) }}
      destroyOnClose
    >
      {many && <Typography.Paragraph type="secondary">{t('assign.manyHelp')}</Typography.Paragraph>}
      {loadError !== undefined && <Alert type="error" showIcon message={errorText(loadError, lang)} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label={t('assign.person')} required>
          <Select<number>
            data-testid="assign-select"
            showSearch
            loading={!candidates && loadError === undefined}
            placeholder={t('assign.pick')}
            value={value}
            onChange={setValue}
            options={options}
            filterOption={(input, o) => (o as { search?: string } | undefined)?.search?.includes(input.trim().toLowerCase()) ?? false}
            notFoundContent={t('assign.noCandidates')}
          />
        </Form.Item>
        <Form.Item label={t('assign.note')}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} data-testid="assign-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
