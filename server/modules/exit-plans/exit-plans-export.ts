/** The exit plans of a list filter as .xlsx: one row per item with its plan, names not codes, progress from the ledger. */
import type { Kysely } from 'kysely';
import type { DB, ExitPlanState } from '../../db/schema.ts';
import type { PlanFilter } from './exit-plans.repository.ts';
import type { Scope } from '../../platform/auth/actor.ts';
import { EXIT_METHOD_NAMES, itemProgress, type ExitMethod, type ItemProgress } from '../../domain/programme/plans.ts';
import { loadExcel } from '../registry-io/index.ts';
import { listPlans, planItems } from './exit-plans.repository.ts';

const STATE_ZH: Record<ExitPlanState, string> = { draft: '草稿', submitted: '待备案', returned: '已退回', filed: '已备案', superseded: '已被新版本替代' };
const PROGRESS_ZH: Record<ItemProgress, string> = { done: '按期完成', doneLate: '逾期完成', late: '逾期未完成', atRisk: '临近期限', onTrack: '正常推进' };

export async function exportPlans(db: Kysely<DB>, scope: Scope, f: PlanFilter, today: string, atRiskDays: number): Promise<Buffer> {
  const plans = (await listPlans(db, scope, f, { limit: 5000, offset: 0 })).rows;
  const items = await planItems(
    db,
    plans.map((p) => p.id),
  );
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('退出计划');
  const cols: Array<[string, number]> = [
    ['属地', 14],
    ['年度', 8],
    ['版本', 6],
    ['状态', 12],
    ['备案号', 22],
    ['备案日期', 12],
    ['企业名称', 30],
    ['统一社会信用代码', 22],
    ['生产线', 18],
    ['产能', 10],
    ['产能单位', 10],
    ['退出方式', 10],
    ['计划完成日期', 12],
    ['职工安置人数', 10],
    ['退出日期（验收）', 14],
    ['进度', 12],
  ];
  ws.columns = cols.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const p of plans) {
    for (const i of items.filter((x) => x.plan_id === p.id)) {
      ws.addRow([
        p.territory_name,
        p.year,
        p.plan_version,
        STATE_ZH[p.state],
        p.filing_no ?? '',
        p.filed_on ?? '',
        i.enterprise_name,
        i.credit_code,
        i.line_name ?? '全部生产线',
        Number(i.capacity),
        i.capacity_unit,
        EXIT_METHOD_NAMES[i.method as ExitMethod]?.zh ?? i.method,
        i.target_on,
        i.workers,
        i.exited_on ?? '',
        PROGRESS_ZH[itemProgress(i.target_on, i.exited_on, today, atRiskDays)],
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
