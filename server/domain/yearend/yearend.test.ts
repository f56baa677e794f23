import { describe, expect, it } from 'vitest';
import { certificateNumber, checksFor, missingForSigning, nextSignUnit, type CertificateContent } from './certificate.ts';
import { addDecimals, diffFigures, partStatus, reconcile, sumFigures, yearDeadlines } from './figures.ts';

const yes = { answer: 'yes' as const, evidenceIds: ['e'] };
const full = (over: Partial<CertificateContent> = {}): CertificateContent => ({
  dimension: 'technology',
  powerWaterRequired: false,
  checks: {
    productionCeased: yes,
    equipmentDismantled: yes,
    powerWaterCut: { answer: 'notApplicable', evidenceIds: [] },
    noRestart: yes,
    workersResettled: yes,
    sitePhotos: yes,
  },
  workers: { employees: 5, resettled: 5, evidenceIds: ['w'], source: 'typed' },
  ...over,
});

describe('acceptance certificate (plan §3.4; facts-cn §8)', () => {
  it('§2.5 technology asks for the main equipment dismantled; other dimensions for the lines shut as decided', () => {
    expect(checksFor('technology')).toContain('equipmentDismantled');
    expect(checksFor('energy')).toContain('linesShut');
    expect(checksFor('energy')).not.toContain('equipmentDismantled');
  });

  it('§3.4 a complete certificate has every check met with evidence and every worker resettled', () => {
    expect(missingForSigning(full())).toEqual([]);
    expect(missingForSigning(full({ checks: { ...full().checks, noRestart: { answer: 'yes', evidenceIds: [] } } })).map((m) => m.check)).toEqual(['noRestart']);
    expect(missingForSigning(full({ checks: { ...full().checks, productionCeased: { answer: 'no', evidenceIds: ['e'] } } })).map((m) => m.check)).toEqual([
      'productionCeased',
    ]);
    expect(missingForSigning(full({ workers: { employees: 5, resettled: 4, evidenceIds: ['w'], source: 'typed' } })).map((m) => m.check)).toEqual([
      'workersResettled',
    ]);
    expect(missingForSigning(full({ workers: { employees: 5, resettled: 6, evidenceIds: ['w'], source: 'typed' } }))[0]!.en).toContain('More workers');
    expect(missingForSigning(full({ workers: null })).map((m) => m.check)).toEqual(['workersResettled']);
  });

  it('§2.5 cutting water and power is required only where the case recorded it (local choice: UNVERIFIED as a required field)', () => {
    expect(missingForSigning(full({ powerWaterRequired: true })).map((m) => m.check)).toEqual(['powerWaterCut']);
    expect(missingForSigning(full({ checks: { ...full().checks, sitePhotos: { answer: 'notApplicable', evidenceIds: [] } } })).map((m) => m.check)).toEqual([
      'sitePhotos',
    ]);
  });

  it('§3.4 sign-offs go enterprise → county → lead city department', () => {
    expect(nextSignUnit([])).toBe('enterprise');
    expect(nextSignUnit(['enterprise'])).toBe('territory');
    expect(nextSignUnit(['enterprise', 'territory'])).toBe('department');
    expect(nextSignUnit(['enterprise', 'territory', 'department'])).toBeNull();
    expect(certificateNumber(2020, 7)).toBe('芜淘汰验〔2020〕7号');
  });
});

describe('year-end figures (plan §3.4)', () => {
  const cement = { industryCode: 'cement', capacityUnit: 't/d', enterprises: 1, lines: 1, capacity: '12' };
  it('§3.4 reconciliation lists each typed figure that differs from the ledger, with both values, until explained', () => {
    expect(reconcile([cement], [cement])).toEqual([]);
    expect(reconcile([{ ...cement, capacity: '12.000' }], [cement])).toEqual([]);
    const d = reconcile([{ ...cement, lines: 2, capacity: '20' }], [cement]);
    expect(d.map((x) => [x.key, x.typed, x.ledger, x.resolved])).toEqual([
      ['cement|t/d|lines', '2', '1', false],
      ['cement|t/d|capacity', '20', '12', false],
    ]);
    const e = reconcile([{ ...cement, capacity: '20' }], [cement], { 'cement|t/d|capacity': { text: '说明' } });
    expect(e[0]).toMatchObject({ resolved: true, explanation: '说明' });
    // a typed industry the ledger does not have at all differs from zero
    expect(reconcile([{ ...cement, industryCode: 'steel' }], [cement]).map((x) => x.ledger)).toEqual(['0', '0', '0']);
  });

  it('§3.4 figures add as exact decimals per industry and unit, never mixing units', () => {
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(addDecimals(['999999999999.9999', '0.0001'])).toBe('1000000000000');
    expect(
      sumFigures([
        [cement],
        [
          { ...cement, capacity: '0.5' },
          { ...cement, capacityUnit: '万吨/年', capacity: '3' },
        ],
      ]),
    ).toEqual([
      { industryCode: 'cement', capacityUnit: 't/d', enterprises: 2, lines: 2, capacity: '12.5' },
      { industryCode: 'cement', capacityUnit: '万吨/年', enterprises: 1, lines: 1, capacity: '3' },
    ]);
  });

  it('§3.4 an amendment carries the diff of its figures', () => {
    expect(diffFigures([cement], [cement])).toEqual([]);
    expect(diffFigures([cement], [{ ...cement, capacity: '20' }])).toEqual([{ key: 'cement|t/d', field: 'capacity', before: '12', after: '20' }]);
    expect(diffFigures([], [cement]).map((c) => c.before)).toEqual([null, null, null]);
  });

  it('§3.4 the report goes up before 15 January of the next year; reminders from 1 December (local choice)', () => {
    expect(yearDeadlines(2020)).toMatchObject({
      reportDue: '2021-01-15',
      reportBasisId: 'plan-2020-§3.4',
      remindFrom: '2020-12-01',
      remindBasisId: 'phaseout-local-default',
    });
    const base = { done: false, due: '2021-01-15', remindFrom: '2020-12-01', dueIsExclusive: true };
    expect(partStatus({ ...base, today: '2020-11-30' })).toBe('notDue');
    expect(partStatus({ ...base, today: '2020-12-01' })).toBe('reminding');
    expect(partStatus({ ...base, today: '2021-01-14' })).toBe('reminding');
    expect(partStatus({ ...base, today: '2021-01-15' })).toBe('overdue');
    expect(partStatus({ ...base, today: '2021-01-15', done: true })).toBe('done');
    // a unit's summary date set by the office is itself still in time
    expect(partStatus({ done: false, due: '2020-12-31', remindFrom: '2020-12-01', today: '2020-12-31' })).toBe('reminding');
  });
});
