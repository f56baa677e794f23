import { describe, expect, it } from 'vitest';
import {
  caseQualifies,
  diffEntries,
  GENESIS_HASH,
  propose,
  seriesKey,
  verifyChains,
  versionHash,
  versionNumber,
  type CaseCandidate,
  type ChainRow,
  type EnterpriseFacts,
} from './lists.ts';

const facts = (n: number): EnterpriseFacts => ({
  creditCode: `91340200MA000000${String(n).padStart(2, '0')}`,
  name: `企业${n}`,
  territoryCode: '340202',
  territoryName: '镜湖区',
  territoryNameEn: 'Jinghu District',
  industryCode: 'steel',
  industryName: '钢铁',
  industryNameEn: 'Steel',
  address: null,
});
const c = (over: Partial<CaseCandidate>): CaseCandidate => ({
  caseId: 1,
  enterpriseKey: '1',
  dimension: 'energy',
  state: 'rectifying',
  closed: false,
  outcome: null,
  findingKind: null,
  since: '2020-09-02',
  dueOn: '2021-03-02',
  ...over,
});

describe('list rules (plan §3.3)', () => {
  it('§3.3 yellow card: a rectification order in force, not a bare finding nor a closed case', () => {
    expect(caseQualifies('yellow', c({}))).toBe(true);
    expect(caseQualifies('yellow', c({ state: 'found' }))).toBe(false);
    expect(caseQualifies('yellow', c({ state: 'closed', closed: true, outcome: 'rectified' }))).toBe(false);
    expect(caseQualifies('yellow', c({ dimension: 'technology', state: 'sealing' }))).toBe(false);
  });

  it('§3.3 red card: closed according to law after failing, not closed because rectified', () => {
    expect(caseQualifies('red', c({ state: 'closed', closed: true, outcome: 'exited' }))).toBe(true);
    expect(caseQualifies('red', c({ dimension: 'safety', state: 'closed', closed: true, outcome: 'licenceRevoked' }))).toBe(true);
    expect(caseQualifies('red', c({ state: 'closed', closed: true, outcome: 'rectified' }))).toBe(false);
    expect(caseQualifies('red', c({}))).toBe(false);
  });

  it('§3.3 over-emission: environment findings of exceedance in force only', () => {
    expect(caseQualifies('overEmission', c({ dimension: 'environment', state: 'restricted', findingKind: 'emission' }))).toBe(true);
    expect(caseQualifies('overEmission', c({ dimension: 'environment', state: 'restricted', findingKind: 'solidWaste' }))).toBe(false);
    expect(caseQualifies('overEmission', c({ dimension: 'environment', state: 'closed', closed: true, outcome: 'lifted', findingKind: 'emission' }))).toBe(
      false,
    );
  });

  it('§3.3 proposal: additions, keeps and removals (摘牌 when the re-check passed)', () => {
    const enterprises = new Map([
      ['1', facts(1)],
      ['2', facts(2)],
      ['3', facts(3)],
    ]);
    const first = propose('yellow', { cases: [c({ enterpriseKey: '1' }), c({ caseId: 2, enterpriseKey: '2' })], enterprises, previous: null });
    expect(first.added).toEqual([facts(1).creditCode, facts(2).creditCode]);
    const next = propose('yellow', {
      cases: [
        c({ enterpriseKey: '1' }),
        c({ caseId: 2, enterpriseKey: '2', state: 'closed', closed: true, outcome: 'rectified' }),
        c({ caseId: 3, enterpriseKey: '3', since: '2020-10-01' }),
      ],
      enterprises,
      previous: first.entries,
    });
    expect(next.kept).toEqual([facts(1).creditCode]);
    expect(next.added).toEqual([facts(3).creditCode]);
    expect(next.removed).toEqual([{ creditCode: facts(2).creditCode, name: '企业2', reason: 'recheckPassed' }]);
  });

  it('§3.3 one entry per enterprise: its dimensions, the earliest date, the nearest due date', () => {
    const p = propose('yellow', {
      cases: [c({ since: '2020-09-05', dueOn: '2021-03-05' }), c({ caseId: 2, dimension: 'safety', since: '2020-09-01', dueOn: '2020-12-01' })],
      enterprises: new Map([['1', facts(1)]]),
      previous: null,
    });
    expect(p.entries).toHaveLength(1);
    expect(p.entries[0]).toMatchObject({ dimensions: ['energy', 'safety'], since: '2020-09-01', dueOn: '2020-12-01' });
  });

  it('§3.3 annual exit list: equipment from the ledger', () => {
    const p = propose('annualExit', {
      cases: [],
      enterprises: new Map([['1', facts(1)]]),
      equipment: new Map([
        ['1', [{ name: '1号高炉', kind: 'blastFurnace', kindName: '高炉', capacity: '100', capacityUnit: '万吨/年', exitedOn: '2020-10-01' }]],
      ]),
      previous: null,
    });
    expect(p.entries[0]!.since).toBe('2020-10-01');
    expect(p.entries[0]!.equipment).toHaveLength(1);
  });
});

describe('snapshots (issue 14; numbering is a LOCAL CHOICE)', () => {
  it('series, numbers and differences', () => {
    expect(seriesKey('yellow', '340202', null)).toBe('yellow/340202');
    expect(seriesKey('annualExit', '340202', 2020)).toBe('annualExit/340202/2020');
    expect(versionNumber('镜湖区', 'red', 2020, 2)).toBe('镜湖区红牌名单〔2020〕第2版');
    const a = propose('yellow', { cases: [c({})], enterprises: new Map([['1', facts(1)]]), previous: null }).entries;
    const b = [{ ...a[0]!, dueOn: '2021-06-02' }];
    expect(diffEntries(a, b)).toEqual({ added: [], removed: [], changed: [{ creditCode: facts(1).creditCode, name: '企业1', fields: ['dueOn'] }] });
  });

  it('the chain detects an edited, a missing and a re-linked version', () => {
    const base = {
      series: 's',
      listKind: 'yellow' as const,
      territoryCode: '340202',
      year: null,
      action: 'publish' as const,
      number: 'n',
      postedOn: '2020-09-01',
      publishedAt: '2020-09-01T00:00:00.000Z',
      unitKind: 'territory',
      unitCode: '340202',
      publishedBy: 1,
      reason: null,
      body: { entries: [] },
      excluded: [],
    };
    const v1 = { ...base, versionNo: 1, prevHash: GENESIS_HASH };
    const h1 = versionHash(v1);
    const v2 = { ...base, versionNo: 2, prevHash: h1, action: 'correct' as const, reason: 'why' };
    const h2 = versionHash(v2);
    const rows: ChainRow[] = [
      { ...v1, id: 1, contentHash: h1 },
      { ...v2, id: 2, contentHash: h2 },
    ];
    expect(verifyChains(rows).ok).toBe(true);
    expect(verifyChains([{ ...rows[0]!, number: 'edited' }, rows[1]!]).problems.map((p) => p.id)).toEqual([1]);
    expect(verifyChains([rows[1]!]).ok).toBe(false);
    // key order inside the stored JSON does not matter (jsonb reorders keys)
    expect(versionHash({ ...v1, body: { b: 1, a: [{ y: 2, x: 1 }] } })).toBe(versionHash({ ...v1, body: { a: [{ x: 1, y: 2 }], b: 1 } }));
  });
});
