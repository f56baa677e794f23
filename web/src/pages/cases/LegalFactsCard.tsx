/**
 * What the case keeps that the law turns on (issue 10): the programme warning, the measure the city government
 * approved (停业 or 关闭) and the one ordered, the rectification period and non-conformities, the licences and who
 * revoked them, and the acceptance (验收) that makes the lines exited.
 */
import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { CaseWarning, LegalFacts } from './lawApi.ts';
import { punct } from '../../i18n/punct.ts';

export function CaseWarnings({ warnings }: { warnings: CaseWarning[] | undefined }) {
  const { pick } = useI18n();
  if (!warnings?.length) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="case-warnings">
      {warnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon message={pick(w.zh, w.en)} />
      ))}
    </Space>
  );
}

export function LegalFactsCard({ facts }: { facts: LegalFacts | undefined }) {
  const { t, lang, fmtDate } = useI18n();
  const p = punct(lang);
  if (!facts) return null;
  const measure = (m: 'cease' | 'close') => <Tag color={m === 'close' ? 'red' : 'orange'}>{t(m === 'close' ? 'law.measure.close' : 'law.measure.cease')}</Tag>;
  const items = [];
  if (facts.rectificationDue)
    items.push(
      <Descriptions.Item key="rd" label={t('law.rectificationDue')}>
        {fmtDate(facts.rectificationDue)}
      </Descriptions.Item>,
    );
  if (facts.nonConformities?.length) {
    items.push(
      <Descriptions.Item key="nc" label={t('law.nonConformities')}>
        {facts.nonConformities.map((n) => `${fmtDate(n.date)}${n.measured ? `${p.lp}${n.measured}${p.rp}` : ''}`).join(p.semi)}
      </Descriptions.Item>,
    );
  }
  const ga = facts.governmentApproval;
  if (ga?.decision === 'approved' && ga.measure) {
    items.push(
      <Descriptions.Item key="ga" label={t('law.governmentApproved')}>
        <span data-testid="approved-measure">{measure(ga.measure)}</span>
        {ga.decidedOn ? fmtDate(ga.decidedOn) : ''} <span data-user-data>{ga.documentNo ?? ''}</span>
      </Descriptions.Item>,
    );
  }
  if (facts.ceaseOrClose) {
    items.push(
      <Descriptions.Item key="co" label={t('law.ordered')}>
        {measure(facts.ceaseOrClose.measure)}
        {fmtDate(facts.ceaseOrClose.date)}
      </Descriptions.Item>,
    );
  }
  if (facts.licences?.length) {
    items.push(
      <Descriptions.Item key="lic" label={t('law.licences')}>
        {facts.licences.map((l) => (
          <div key={l.licence}>
            <span data-user-data>{l.licence}</span>
            {p.lp}
            <span data-user-data>{l.issuingAuthority}</span>
            {p.rp}
            {p.colon}
            {l.status === 'revoked' ? (
              <>
                {t('law.revoked')} {l.revokedOn ? fmtDate(l.revokedOn) : ''} <span data-user-data>{l.revokedBy?.decisionNo ?? ''}</span>
              </>
            ) : (
              t('law.pending')
            )}
          </div>
        ))}
      </Descriptions.Item>,
    );
  }
  if (facts.noLicencesHeld)
    items.push(
      <Descriptions.Item key="nl" label={t('law.licences')}>
        {t('law.noLicencesHeld')}
        {p.colon}
        <span data-user-data>{facts.noLicencesHeld.note}</span>
      </Descriptions.Item>,
    );
  if (facts.acceptance) {
    items.push(
      <Descriptions.Item key="acc" label={t('law.acceptance')}>
        {fmtDate(facts.acceptance.date)} <span data-user-data>{facts.acceptance.certificateNo ?? facts.acceptance.certificateId}</span>
      </Descriptions.Item>,
    );
  }
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('law.facts')} style={{ marginTop: 16 }} data-testid="case-legal-facts">
      <Descriptions size="small" column={1}>
        {items}
      </Descriptions>
    </Card>
  );
}
