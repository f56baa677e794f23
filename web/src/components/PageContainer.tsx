/** Ant Design Pro–style page frame: breadcrumb, title, extra buttons, then the content. */
import type { ReactNode } from 'react';
import { Breadcrumb, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';

export interface Crumb {
  title: string;
  to?: string;
}

export function PageContainer({
  title,
  crumbs = [],
  extra,
  tags,
  children,
}: {
  title: ReactNode;
  crumbs?: Crumb[];
  extra?: ReactNode;
  tags?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const items = [
    { title: <Link to="/workbench">{t('page.home')}</Link> },
    ...crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title })),
  ];
  return (
    <div className="page">
      <div className="page-header">
        <Breadcrumb items={items} />
        <div className="page-header-row">
          <Space size="middle" wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {tags}
          </Space>
          {extra ? <Space wrap>{extra}</Space> : null}
        </div>
      </div>
      <div className="page-body">{children}</div>
    </div>
  );
}
