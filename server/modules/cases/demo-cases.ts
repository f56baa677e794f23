/**
 * Demo cases: ~60 cases across the five dimensions and the current territories, opened on demo enterprises and
 * driven through the real commands (openCaseCommand, applyCaseAct, the system actor taking each act in the role
 * the law gives it) to varied states relative to `now`: found, running, due within 30 days, overdue, closed; a
 * technology case on an induction furnace dismantled; an energy case with an approved extension.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addDays } from '../../domain/dates.ts';
import type { Dimension, Role as DomainRole } from '../../domain/lifecycle/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { AuditMeta } from '../../platform/audit/audit.ts';
import { createHash } from 'node:crypto';
import { localToday } from './case-context.ts';
import { openCaseCommand } from './commands/open-case.ts';
import { applyCaseAct } from './commands/apply-case-act.ts';
import { acceptThroughCertificateAsSystem } from '../yearend/index.ts';
import { registerEvidence, storeEvidence } from './evidence-store.ts';
import { demoFinding } from './demo-findings.ts';

/** A minimal valid one-page PDF used as the demo evidence file. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

type Step = [kind: string, daysAgo: number, role: DomainRole, payload?: Record<string, unknown>];
interface Scenario {
  dimension: Dimension;
  openedAgo: number;
  /** what this scenario adds to the fitted finding (demo-findings.ts) */
  finding: Record<string, unknown>;
  steps: Step[];
  /** needs an induction-furnace line */
  furnace?: boolean;
}

// the finding fields come from demo-findings.ts, fitted to the line each case is opened on (issue 17 item 10);
// a scenario only adds what varies (the quality finding's kind)

function scenarios(ev: string): Scenario[] {
  const m = (kind: string, ago: number, role: DomainRole = 'territory'): Step => [kind, ago, role, { evidenceIds: [ev] }];
  const sealPath = (from: number): Step[] => [
    m('cutWater', from),
    m('cutPower', from - 1),
    m('removePowerUnits', from - 2),
    m('sealMainEquipment', from - 3),
    m('publicCommitment', from - 4),
    ['publishNotice', from - 5, 'department', { level: 'city', url: 'https://jxw.wuhu.gov.cn/' }],
    ['publishNotice', from - 6, 'department', { level: 'county', url: 'https://www.wuhu.gov.cn/' }],
    ['setDismantleDeadline', from - 7, 'department', { months: 3 }],
  ];
  const energy: Scenario[] = [
    { dimension: 'energy', openedAgo: 5, finding: {}, steps: [] },
    { dimension: 'energy', openedAgo: 45, finding: {}, steps: [['serveRectificationOrder', 40, 'department']] },
    { dimension: 'energy', openedAgo: 175, finding: {}, steps: [['serveRectificationOrder', 170, 'department']] },
    {
      dimension: 'energy',
      openedAgo: 205,
      finding: {},
      steps: [
        ['serveRectificationOrder', 200, 'department'],
        ['markOverdue', 0, 'system'],
      ],
    },
    {
      dimension: 'energy',
      openedAgo: 160,
      finding: {},
      steps: [
        ['serveRectificationOrder', 150, 'department'],
        ['applyExtension', 100, 'territory', { requestedMonths: 3, reason: '节能技改设备到货周期长' }],
        ['approveExtension', 95, 'department', { grantedMonths: 3 }],
      ],
    },
    {
      dimension: 'energy',
      openedAgo: 260,
      finding: {},
      steps: [
        ['serveRectificationOrder', 250, 'department'],
        ['reinspect', 60, 'department', { result: 'fail' }],
        ['orderClosure', 50, 'department'],
        ['recordClosure', 20, 'territory'],
        ['accept', 10, 'office', { certificateId: 'YS-DEMO-003' }],
      ],
    },
    {
      dimension: 'energy',
      openedAgo: 120,
      finding: {},
      steps: [
        ['serveRectificationOrder', 110, 'department'],
        ['reinspect', 10, 'department', { result: 'pass' }],
      ],
    },
    {
      dimension: 'energy',
      openedAgo: 220,
      finding: {},
      steps: [
        ['serveRectificationOrder', 215, 'department'],
        ['markOverdue', 25, 'system'],
        ['reinspect', 15, 'department', { result: 'fail' }],
        ['orderClosure', 10, 'government'],
      ],
    },
  ];
  const environment: Scenario[] = [
    { dimension: 'environment', openedAgo: 3, finding: {}, steps: [] },
    { dimension: 'environment', openedAgo: 30, finding: {}, steps: [['orderRestriction', 25, 'department', { dueOffset: 20 }]] },
    { dimension: 'environment', openedAgo: 60, finding: {}, steps: [['orderSuspension', 55, 'department', { dueOffset: -5 }]] },
    {
      dimension: 'environment',
      openedAgo: 90,
      finding: {},
      steps: [
        ['orderSuspension', 85, 'department'],
        ['recheck', 15, 'department', { result: 'pass' }],
      ],
    },
    {
      dimension: 'environment',
      openedAgo: 130,
      finding: {},
      steps: [
        ['orderSuspension', 120, 'department'],
        ['recheck', 80, 'department', { result: 'fail' }],
        ['declareSerious', 75, 'department', { reason: '多次超标排放' }],
        ['requestGovernmentApproval', 70, 'department'],
      ],
    },
    {
      dimension: 'environment',
      openedAgo: 200,
      finding: {},
      steps: [
        ['orderSuspension', 190, 'department'],
        ['recheck', 150, 'department', { result: 'fail' }],
        ['declareSerious', 145, 'department', { reason: '拒不整改' }],
        ['requestGovernmentApproval', 140, 'department'],
        ['recordGovernmentApproval', 120, 'government', { decision: 'approved', measure: 'close', documentNo: '芜政秘〔2020〕12号' }],
        ['orderCeaseOrClose', 110, 'department', { measure: 'close' }],
        ['recordClosure', 60, 'territory'],
        ['accept', 30, 'office', { certificateId: 'YS-DEMO-004' }],
      ],
    },
    {
      dimension: 'environment',
      openedAgo: 100,
      finding: {},
      steps: [
        ['declareSerious', 95, 'department', { reason: '偷排含重金属废水' }],
        ['requestGovernmentApproval', 90, 'department', { measure: 'cease' }],
        ['recordGovernmentApproval', 80, 'government', { decision: 'approved', measure: 'cease', documentNo: '芜政秘〔2020〕15号' }],
        ['orderCeaseOrClose', 75, 'department', { measure: 'cease' }],
      ],
    },
  ];
  const quality: Scenario[] = [
    { dimension: 'quality', openedAgo: 8, finding: {}, steps: [] },
    { dimension: 'quality', openedAgo: 40, finding: { kind: 'unlicensed' }, steps: [['investigate', 35, 'department']] },
    {
      dimension: 'quality',
      openedAgo: 80,
      finding: {},
      steps: [
        ['investigate', 75, 'department'],
        ['imposePenalty', 50, 'department', { amount: '50000' }],
      ],
    },
    {
      dimension: 'quality',
      openedAgo: 120,
      finding: {},
      steps: [
        ['investigate', 115, 'territory'],
        ['imposePenalty', 90, 'department', { amount: '20000' }],
        ['close', 60, 'department'],
      ],
    },
    {
      dimension: 'quality',
      openedAgo: 150,
      finding: { kind: 'eliminatedProduct' },
      steps: [
        ['investigate', 140, 'department'],
        ['declareSerious', 100, 'department', { reason: '生产国家明令淘汰产品' }],
        ['revokeBusinessLicence', 70, 'department'],
        ['accept', 40, 'department', { certificateId: 'YS-DEMO-005' }],
      ],
    },
  ];
  const safety: Scenario[] = [
    { dimension: 'safety', openedAgo: 2, finding: {}, steps: [] },
    { dimension: 'safety', openedAgo: 22, finding: {}, steps: [['orderRectification', 20, 'department', { days: 30 }]] },
    { dimension: 'safety', openedAgo: 45, finding: {}, steps: [['orderRectification', 40, 'territory', { days: 15 }]] },
    {
      dimension: 'safety',
      openedAgo: 100,
      finding: {},
      steps: [
        ['orderRectification', 90, 'department', { days: 30 }],
        ['recheck', 55, 'department', { result: 'fail' }],
        ['orderSuspension', 50, 'department', { days: 60 }],
      ],
    },
    {
      dimension: 'safety',
      openedAgo: 220,
      finding: {},
      steps: [
        ['orderRectification', 210, 'department', { days: 30 }],
        ['recheck', 170, 'department', { result: 'fail' }],
        ['orderSuspension', 165, 'department', { days: 60 }],
        ['recheck', 100, 'department', { result: 'fail' }],
        ['orderClosure', 90, 'government'],
        ['requestLicenceRevocation', 85, 'department', { licence: '安全生产许可证', issuingAuthority: '安徽省应急管理厅' }],
      ],
    },
    {
      dimension: 'safety',
      openedAgo: 60,
      finding: {},
      steps: [
        ['orderRectification', 55, 'department', { days: 20 }],
        ['recheck', 30, 'territory', { result: 'pass' }],
      ],
    },
  ];
  const technology: Scenario[] = [
    { dimension: 'technology', openedAgo: 4, finding: {}, steps: [] },
    { dimension: 'technology', openedAgo: 30, finding: {}, steps: sealPath(25).slice(0, 3) },
    { dimension: 'technology', openedAgo: 50, finding: {}, steps: sealPath(45) },
    { dimension: 'technology', openedAgo: 80, finding: {}, steps: sealPath(78) },
    { dimension: 'technology', openedAgo: 130, finding: {}, steps: [...sealPath(125), ['markOverdue', 1, 'system']] },
    { dimension: 'technology', openedAgo: 60, finding: {}, furnace: true, steps: [m('dismantle', 40)] },
    {
      dimension: 'technology',
      openedAgo: 90,
      finding: {},
      furnace: true,
      steps: [m('dismantle', 70), ['accept', 50, 'office', { certificateId: 'YS-DEMO-001' }]],
    },
    {
      dimension: 'technology',
      openedAgo: 200,
      finding: {},
      steps: [...sealPath(190), m('dismantle', 100), ['accept', 80, 'department', { certificateId: 'YS-DEMO-002' }]],
    },
  ];
  // ~60: every list repeated to fill its dimension's share, varied by territory
  const fill = (list: Scenario[], nTotal: number) => Array.from({ length: nTotal }, (_, i) => list[i % list.length]!);
  return [...fill(energy, 13), ...fill(environment, 11), ...fill(quality, 10), ...fill(safety, 12), ...fill(technology, 14)];
}

/** Opens and drives the demo cases; returns how many were opened (0 when cases already exist). */
export async function seedDemoCases(db: Kysely<DB>, now: Date, opts: { evidenceDir?: string } = {}): Promise<number> {
  const existing = await db.selectFrom('case_file').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const today = localToday(now);
  const meta = (date: string): AuditMeta => ({ actor: SYSTEM_ACTOR, now: date >= today ? now : new Date(`${date}T02:00:00Z`) });

  // the demo evidence file: stored when a directory is given, else registered by its hash only
  let ev = createHash('sha256').update(DEMO_PDF).digest('hex');
  if (opts.evidenceDir)
    ev = (await registerEvidence(db, await storeEvidence(opts.evidenceDir, Readable.from([DEMO_PDF]), '现场检查笔录.pdf'), meta(today))).sha256;
  else {
    await db
      .insertInto('evidence_file')
      .values({ sha256: ev, size_bytes: DEMO_PDF.length, mime_type: 'application/pdf', original_name: '现场检查笔录.pdf', uploaded_by: null })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  // candidate enterprises with their operating lines, spread over territories; induction furnaces apart
  const lines = await db
    .selectFrom('production_line as l')
    .innerJoin('enterprise as e', 'e.id', 'l.enterprise_id')
    .innerJoin('line_kind as k', 'k.code', 'l.kind')
    .select([
      'l.id as line_id',
      'l.enterprise_id',
      'e.territory_code',
      'e.industry_code',
      'l.kind',
      'l.catalogue_item',
      'l.catalogue_class',
      'k.induction_furnace',
    ])
    .where('l.state', '=', 'operating')
    .orderBy('e.id')
    .orderBy('l.id')
    .execute();
  type Candidate = { enterprise_id: number; territory_code: string; furnace: boolean; lines: typeof lines };
  const byEnterprise = new Map<number, Candidate>();
  for (const l of lines) {
    const c = byEnterprise.get(l.enterprise_id) ?? { enterprise_id: l.enterprise_id, territory_code: l.territory_code, furnace: false, lines: [] };
    c.lines.push(l);
    c.furnace ||= l.induction_furnace;
    byEnterprise.set(l.enterprise_id, c);
  }
  const furnaces = [...byEnterprise.values()].filter((c) => c.furnace);
  const others = [...byEnterprise.values()].filter((c) => !c.furnace);
  // round-robin over territories so every territory gets cases
  const byTerritory = new Map<string, Candidate[]>();
  for (const c of others) byTerritory.set(c.territory_code, [...(byTerritory.get(c.territory_code) ?? []), c]);
  const queues = [...byTerritory.values()];
  /** A candidate with a line the scenario's finding fits (taken out of its queue), with that finding. */
  const fit = (queue: Candidate[], s: Scenario) => {
    for (let i = 0; i < queue.length; i++) {
      for (const l of queue[i]!.lines) {
        if (s.furnace && !l.induction_furnace) continue;
        const fitted = demoFinding(
          s.dimension,
          { industryCode: l.industry_code, kind: l.kind, catalogueItem: l.catalogue_item, catalogueClass: l.catalogue_class },
          s.finding,
        );
        if (fitted) {
          queue.splice(i, 1);
          return { line: l, fitted };
        }
      }
    }
    return undefined;
  };
  // round-robin over territories: each scenario goes to the next territory that has an enterprise it fits
  let turn = 0;
  const take = (s: Scenario) => {
    if (s.furnace) return fit(furnaces, s);
    for (let k = 0; k < queues.length; k++) {
      const at = (turn + k) % queues.length;
      const got = fit(queues[at]!, s);
      if (got) {
        turn = at + 1;
        return got;
      }
    }
    return undefined;
  };

  let opened = 0;
  for (const s of scenarios(ev)) {
    const picked = take(s);
    if (!picked) continue;
    const target = picked.line;
    const openedOn = addDays(today, -s.openedAgo);
    const findingDate = addDays(openedOn, -1);
    // a finding cites the catalogue edition in force on its date (the 2024年本 from 2024-02-01)
    const edition = s.dimension === 'technology' ? { catalogueEdition: findingDate >= '2024-02-01' ? 'catalogue-2024' : 'catalogue-2019' } : {};
    const id = await openCaseCommand(
      db,
      {
        enterpriseId: target.enterprise_id,
        dimension: s.dimension,
        lineIds: [target.line_id],
        finding: { ...picked.fitted, ...edition, date: findingDate },
        openedOn,
      },
      meta(openedOn),
    );
    opened++;
    for (const [kind, ago, role, payload0] of s.steps) {
      const date = addDays(today, -ago);
      const payload: Record<string, unknown> = { ...(payload0 ?? {}) };
      if (typeof payload.dueOffset === 'number') {
        payload.due = addDays(today, payload.dueOffset);
        delete payload.dueOffset;
      }
      // acceptance goes through a complete certificate (issue 12)
      if (kind === 'accept') await acceptThroughCertificateAsSystem(db, id, date, ev, meta(date), role === 'department' ? 'department' : 'office');
      else await applyCaseAct(db, id, { kind, date, payload }, meta(date), { role });
    }
  }
  return opened;
}
