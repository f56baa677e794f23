/** Unknown console address. */
import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('page.notFound')}
      extra={
        <Link to="/workbench">
          <Button type="primary">{t('page.backHome')}</Button>
        </Link>
      }
    />
  );
}
