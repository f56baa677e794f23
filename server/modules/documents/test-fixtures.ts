/** A filled case document content (unit tests, integration tests, the bench). */
import type { CaseContent } from './templates/case-content.ts';

export const sampleContent: CaseContent = {
  enterprise: { name: '芜湖示例钢铁有限公司', creditCode: '91340200MA2T000001', address: '芜湖市镜湖区示例路1号', legalRepresentative: '张三' },
  territoryName: '镜湖区',
  dimension: 'energy',
  dimensionName: '能耗',
  law: '《中华人民共和国节约能源法》',
  finding: { date: '2026-03-02', text: '烧结工序单位产品能耗实测值为58.2千克标准煤/吨，超过GB 21256-2013规定的限额55千克标准煤/吨' },
  lines: [{ name: '1号烧结机', kindName: '烧结机', model: '90㎡', capacity: '120', capacityUnit: '万吨' }],
  capacityTotal: '120万吨',
  act: { kind: 'serveRectificationOrder', date: '2026-03-05', role: 'territory' },
  basis: { id: 'plan-2020-§2.1', citationZh: '《芜湖市2020年落后产能退出工作方案》二、（一）', titleZh: '能耗方面' },
  due: {
    date: '2026-09-07',
    steps: ['自2026年3月5日起算6个月，到期日为2026年9月5日（民法典第二百零二条）', '2026年9月5日为休息日，顺延至2026年9月7日（民法典第二百零三条）'],
    citations: ['《中华人民共和国民法典》第二百零二条'],
  },
  references: [],
  facts: {},
};
