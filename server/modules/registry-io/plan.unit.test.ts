import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../domain/credit-code.ts';
import type { RegistryReference } from '../enterprises/index.ts';
import { planImport, type ExistingEnterprise, type PlanContext } from './plan.ts';
import type { ParsedWorkbook } from './parse.ts';

const code = (n: number) => {
  const f = `91340202${String(n).padStart(9, '0')}`;
  return f + creditCodeCheckChar(f);
};
const ref: RegistryReference = {
  territories: new Map([
    ['340202', { code: '340202', name: '镜湖区', kind: 'district', validFrom: null, validTo: null, successorCode: null }],
    ['340207', { code: '340207', name: '鸠江区', kind: 'district', validFrom: null, validTo: null, successorCode: null }],
  ]),
  industries: new Map([['steel', { code: 'steel', name: '钢铁', capacityUnits: ['万吨/年'] }]]),
  lineKinds: new Map([['converter', { code: 'converter', name: '转炉', industryCode: 'steel', sizeUnit: 't' }]]),
};
const E = (n: number, over: Record<string, string> = {}) => ({
  row: n,
  values: {
    creditCode: code(n),
    name: `企业${n}`,
    territoryCode: '340202',
    industryCode: 'steel',
    address: '',
    legalRepresentative: '',
    contactName: '',
    contactPhone: '',
    ...over,
  },
});
const L = (row: number, n: number, over: Record<string, string> = {}) => ({
  row,
  values: {
    creditCode: code(n),
    name: '1号转炉',
    kind: 'converter',
    sizeValue: '',
    sizeUnit: '',
    model: '',
    unitCount: '',
    marks: '',
    capacity: '10',
    capacityUnit: '万吨/年',
    catalogueEdition: '',
    catalogueItem: '',
    catalogueClass: '',
    ...over,
  },
});
const ctx = (over: Partial<PlanContext> = {}): PlanContext => ({
  ref,
  today: '2020-09-15',
  mayWrite: () => true,
  existing: new Map(),
  existingLines: new Map(),
  ...over,
});
const wb = (enterprises: ReturnType<typeof E>[], lines: ReturnType<typeof L>[]): ParsedWorkbook => ({ enterprises, lines, issues: [] });

describe('import plan (all or nothing, idempotent)', () => {
  it('plans creations for new codes', () => {
    const p = planImport(wb([E(2), E(3)], [L(2, 2), L(3, 3, { marks: 'A' })]), ctx());
    expect(p.errors).toEqual([]);
    expect(p.createEnterprises).toHaveLength(2);
    expect(p.createLines).toHaveLength(2);
  });
  it('reports every bad row with its sheet, row and column', () => {
    const p = planImport(
      wb([E(2, { industryCode: 'x' }), E(2)], [L(2, 9), L(3, 2, { capacity: '-1', name: '2号转炉' }), L(4, 2, { catalogueClass: '?', name: '3号转炉' })]),
      ctx(),
    );
    expect(p.errors.map((e) => [e.sheet, e.row, e.column, e.code])).toEqual([
      ['企业', 2, '行业', 'UNKNOWN_INDUSTRY'],
      ['企业', 2, '统一社会信用代码', 'DUPLICATE_IN_FILE'],
      ['生产线', 2, '统一社会信用代码', 'UNKNOWN_ENTERPRISE'],
      ['生产线', 3, '产能', 'INVALID_CAPACITY'],
      ['生产线', 4, '目录类别', 'INVALID_FIELD'],
    ]);
  });
  it('matches registered enterprises and lines: unchanged when equal, update when different, refused out of territory', () => {
    const existing = new Map<string, ExistingEnterprise>([
      [
        code(2),
        {
          id: 7,
          creditCode: code(2),
          name: '企业2',
          territoryCode: '340202',
          industryCode: 'steel',
          address: null,
          legalRepresentative: null,
          contactName: null,
          contactPhone: null,
        },
      ],
    ]);
    const line = {
      id: 70,
      enterpriseId: 7,
      name: '1号转炉',
      kind: 'converter',
      sizeValue: null,
      sizeUnit: null,
      model: null,
      unitCount: 1,
      marks: 'SN-1',
      capacity: '10.0000',
      capacityUnit: '万吨/年',
      catalogueEdition: null,
      catalogueItem: null,
      catalogueClass: 'none' as const,
    };
    const same = planImport(wb([E(2)], [L(2, 2, { marks: 'sn-1 ' })]), ctx({ existing, existingLines: new Map([[7, [line]]]) }));
    expect(same.unchanged).toEqual({ enterprises: 1, lines: 1 });
    const changed = planImport(
      wb([E(2, { contactName: '王伟' })], [L(2, 2, { marks: 'SN-1', capacity: '12' })]),
      ctx({ existing, existingLines: new Map([[7, [line]]]) }),
    );
    expect(changed.updateEnterprises[0]).toMatchObject({ id: 7, patch: { contactName: '王伟' } });
    expect(changed.updateLines[0]).toMatchObject({ id: 70, patch: { capacity: '12' } });
    const foreign = planImport(wb([E(2)], []), ctx({ existing, mayWrite: (t) => t === '340207' }));
    expect(foreign.errors[0]).toMatchObject({ code: 'FORBIDDEN', row: 2 });
  });
});
