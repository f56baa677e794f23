/** Route guard: a page the role may not use shows 403 (the server refuses the data anyway). */
import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { mayOpen, type PageKey } from '../access.ts';
import { useI18n } from '../i18n/index.tsx';
import { useUser } from '../session.tsx';

export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const user = useUser();
  const { t } = useI18n();
  if (!mayOpen(user.role, page)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('page.forbidden')}
        extra={
          <Link to="/workbench">
            <Button type="primary">{t('page.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}
