/** The header's count of unread notifications of the user's unit (GET /notifications?unread=true), linking to the workbench. */
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../api/index.ts';
import { useI18n } from '../i18n/index.tsx';

export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.notifications.list({ unread: true, limit: 1 }).then(
        (r) => live && setCount(r.total),
        () => undefined,
      );
    void load();
    const timer = window.setInterval(() => void load(), 60_000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [location.pathname]);
  return (
    <Badge count={count} size="small" offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={t('header.notifications')}
        data-testid="header-notifications"
        onClick={() => navigate('/workbench')}
      />
    </Badge>
  );
}
