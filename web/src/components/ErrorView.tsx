/** The one way a page shows a failed load: an empty state when the route is not deployed yet, else the message. */
import { Alert, Button, Empty } from 'antd';
import { isApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from '../shared/errors.ts';

export function ErrorView({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const { t, lang } = useI18n();
  if (isApiError(error) && error.routeMissing) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.notAvailable')} data-testid="route-missing" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      message={compact ? errorText(error, lang) : t('common.loadFailed')}
      {...(compact ? {} : { description: errorText(error, lang) })}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
