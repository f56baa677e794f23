/**
 * The public site (/public, no login): the lists §3.3 requires to be published. Placeholders until the
 * public-lists issue; this page makes no API call that needs a session.
 */
import { Button, Card, Col, Empty, Row, Segmented, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, type DictKey, type Lang } from '../../i18n/index.tsx';

const LISTS: Array<{ key: string; title: DictKey; desc: DictKey }> = [
  { key: 'yellow', title: 'pub.yellow', desc: 'pub.yellowDesc' },
  { key: 'red', title: 'pub.red', desc: 'pub.redDesc' },
  { key: 'overEmission', title: 'pub.overEmission', desc: 'pub.overEmissionDesc' },
  { key: 'annualExit', title: 'pub.annualExit', desc: 'pub.annualExitDesc' },
];

export default function PublicPage() {
  const { t, lang, setLang } = useI18n();
  return (
    <div>
      <header className="public-header">
        <h1>{t('pub.title')}</h1>
        <span style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
          <Segmented<Lang>
            size="small"
            aria-label={t('app.lang.switch')}
            value={lang}
            onChange={(v) => setLang(v)}
            options={[
              { label: '中', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
          <Link to="/login">
            <Button size="small" ghost>
              {t('pub.consoleLink')}
            </Button>
          </Link>
        </span>
      </header>
      <main className="public-body">
        <Typography.Paragraph type="secondary">{t('pub.subtitle')}</Typography.Paragraph>
        <Row gutter={[16, 16]}>
          {LISTS.map((l) => (
            <Col key={l.key} xs={24} md={12}>
              <Card title={t(l.title)} data-testid={`public-${l.key}`}>
                <Typography.Paragraph type="secondary">{t(l.desc)}</Typography.Paragraph>
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pub.pending')} />
              </Card>
            </Col>
          ))}
        </Row>
      </main>
    </div>
  );
}
