/** Ant Design Pro–style page frame: breadcrumb, title, extra buttons, then the content. */
import type { ReactNode } from 'react';
import { Breadcrumb, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';

export interface Crumb {
  title: string;
  to?: string;
  /** the title is user data (e.g. an enterprise name): shown as stored, in any language */
  userData?: boolean;
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
    ...crumbs.map((c) => {
      const text = c.userData ? <span data-user-data>{c.title}</span> : c.title;
      return { title: c.to ? <Link to={c.to}>{text}</Link> : text };
    }),
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
