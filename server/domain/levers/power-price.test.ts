import { describe, expect, it } from 'vitest';
import { comparePriceLists, NATIONAL_POWER_PRICES, powerTierOn, priceVersionOn, type PriceVersion } from './power-price.ts';

const ANHUI_PUNITIVE: PriceVersion = {
  tier: 'punitive',
  from: '2020-01-01',
  industries: null,
  surcharge: '0.1',
  basis: { id: 'anhui-local', instrumentZh: '本地配置', localChoice: true },
};
const table = [...NATIONAL_POWER_PRICES, ANHUI_PUNITIVE];

describe('differentiated electricity prices (plan §2.6 差别化能源资源价格; facts-cn §7)', () => {
  it('§2.6 (facts-cn §7): steel 淘汰类 is 0.3 元/kWh before 2017 and 0.5 from 2017-01-01; other industries stay 0.3', () => {
    expect(priceVersionOn(table, 'eliminated', 'steel', '2016-12-31')?.surcharge).toBe('0.3');
    expect(priceVersionOn(table, 'eliminated', 'steel', '2017-01-01')?.surcharge).toBe('0.5');
    expect(priceVersionOn(table, 'eliminated', 'cement', '2020-09-01')?.surcharge).toBe('0.3');
    expect(priceVersionOn(table, 'restricted', 'glass', '2020-09-01')?.surcharge).toBe('0.1');
  });
  it('§2.6 with §2.1: an energy finding puts the enterprise on the punitive tier from the finding until it is rectified', () => {
    const f = { industryCode: 'cement', lines: [], energyCases: [{ caseId: 7, foundOn: '2020-05-10', endedOn: '2020-11-01' }] };
    expect(powerTierOn(f, table, '2020-05-09')).toBeNull();
    expect(powerTierOn(f, table, '2020-05-10')).toMatchObject({ tier: 'punitive', surcharge: '0.1', effectiveFrom: '2020-05-10' });
    expect(powerTierOn(f, table, '2020-11-01')).toBeNull();
    // without provincial data there is no punitive surcharge in force: the national table alone lists nothing
    expect(powerTierOn(f, NATIONAL_POWER_PRICES, '2020-06-01')).toBeNull();
  });
  it('§2.6: an eliminated-class line outranks a finding; the 2019 catalogue applies from 2020-01-01', () => {
    const f = {
      industryCode: 'steel',
      lines: [{ catalogueClass: 'eliminated' as const, catalogueEdition: '2019' }],
      energyCases: [{ caseId: 1, foundOn: '2019-06-01', endedOn: null }],
    };
    expect(powerTierOn(f, table, '2019-12-31')).toBeNull(); // neither the 2019 catalogue nor the local punitive rate is in force yet
    expect(powerTierOn(f, table, '2020-03-01')).toMatchObject({ tier: 'eliminated', surcharge: '0.5', effectiveFrom: '2020-01-01' });
  });
  it('§2.6: the list for the power company says what changed since the last list', () => {
    const prev = [
      { creditCode: 'A', tier: 'eliminated' as const, surcharge: '0.5', effectiveFrom: '2020-01-01' },
      { creditCode: 'B', tier: 'restricted' as const, surcharge: '0.1', effectiveFrom: '2020-01-01' },
    ];
    const next = [
      { creditCode: 'A', tier: 'eliminated' as const, surcharge: '0.5', effectiveFrom: '2020-01-01' },
      { creditCode: 'C', tier: 'punitive' as const, surcharge: '0.1', effectiveFrom: '2020-05-10' },
    ];
    const r = comparePriceLists(prev, next);
    expect(r.rows.map((x) => x.change)).toEqual(['unchanged', 'added']);
    expect(r.removed.map((x) => x.creditCode)).toEqual(['B']);
  });
});
