/** Change my password (POST /auth/password); the server's rules come back as field errors. */
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api } from '../api/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { applyFieldErrors, errorText } from '../shared/errors.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.auth.changePassword(v.currentPassword, v.newPassword);
      void message.success(t('account.passwordChanged'));
      form.resetFields();
      onClose();
    } catch (e) {
      const { placed } = applyFieldErrors(form, e, lang, ['currentPassword', 'newPassword']);
      if (placed === 0) setError(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('header.changePassword')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('account.currentPassword') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[{ required: true, message: t('common.required', { field: t('account.newPassword') }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('account.confirmPassword') }) },
            ({ getFieldValue }) => ({
              validator: (_r, v) => (!v || getFieldValue('newPassword') === v ? Promise.resolve() : Promise.reject(new Error(t('account.passwordsDiffer')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" onPressEnter={() => form.submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
