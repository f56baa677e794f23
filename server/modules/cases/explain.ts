/**
 * "Why is this case where it is": the chain of acts, each with the transition rule it went through (from → to, the
 * basis and the roles the table allows), the parameter values it used with their basis, and every deadline it set
 * with the computation steps — all as recorded at the time, so a later change of the law never rewrites history.
 */
import { basisById, basisRef, isBasisId } from '../../domain/law/basis.ts';
import { transitionTable, type CaseState, type DeadlineRecord, type Dimension, type ParamUse } from '../../domain/lifecycle/index.ts';
import { DIMENSION_BASIS } from './commands/open-case.ts';
import { caseWarnings, presentDeadline, presentLegalFacts } from './cases.presenter.ts';
import type { CaseActRow, CaseDetailRow } from './cases.repository.ts';

/** A citation with the basis kind: `local` marks the city's own choice (执行口径), never the plan's text. */
function cite(id: string | null | undefined) {
  if (!id) return { basisId: null, citation: null, citationZh: null, kind: null };
  let known = isBasisId(id);
  if (!known) {
    try {
      basisById(id); // a basis given as data (a later year's plan)
      known = true;
    } catch {
      known = false;
    }
  }
  if (!known) return { basisId: id, citation: id, citationZh: id, kind: null };
  const r = basisRef(id);
  return { basisId: id, citation: r.citation, citationZh: r.citationZh, kind: basisById(id).kind };
}

export function explainCase(row: CaseDetailRow, acts: CaseActRow[], today: string) {
  const dim = row.dimension as Dimension;
  const table = transitionTable(dim);
  const chain = acts.map((a) => {
    const entry = table[a.from_state]?.[a.kind];
    const deadline = a.due_detail as DeadlineRecord | null;
    return {
      seq: a.seq,
      kind: a.kind,
      date: a.act_date,
      actor: a.actor_id === null ? null : { id: a.actor_id, displayName: a.display_name ?? a.username ?? String(a.actor_id) },
      role: a.role,
      fromState: a.from_state,
      toState: a.to_state,
      rule: { from: a.from_state, act: a.kind, to: entry ? [...entry.to] : [a.to_state], roles: entry ? [...entry.roles] : [], ...cite(a.basis_id) },
      params: ((a.params as ParamUse[] | null) ?? []).map((p) => ({ name: p.name, value: p.value, ...cite(p.basisId) })),
      deadline: deadline
        ? {
            due: deadline.due,
            value: deadline.value,
            ...cite(deadline.basisId),
            steps: deadline.steps,
            warnings: deadline.warnings,
            calendarBasis: deadline.basis,
          }
        : null,
    };
  });
  const next = Object.entries(table[row.state] ?? {}).map(([kind, e]) => ({
    act: kind,
    to: [...(e?.to ?? [])],
    roles: [...(e?.roles ?? [])],
    ...cite(e?.basisId),
  }));
  return {
    caseId: row.id,
    dimension: row.dimension,
    state: row.state,
    closed: row.closed,
    outcome: row.outcome,
    opened: { on: row.opened_on, state: 'found', ...cite(DIMENSION_BASIS[dim]) },
    warnings: caseWarnings(row.snapshot as CaseState),
    legalFacts: presentLegalFacts(row.snapshot as CaseState),
    chain,
    current: { state: row.state, deadline: presentDeadline(row.snapshot as CaseState, today), next },
  };
}
