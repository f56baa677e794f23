/** The console's calls for the case's assignee (承办人, issue 17 item 2): candidates, assign one, assign many. */
import { request } from '../../api/client.ts';
import type { BodyOf, ResponseOf } from '../../api/generated.ts';

export type AssignBody = BodyOf<'/api/v1/cases/{id}/assignee', 'put'>;
export type AssignResult = ResponseOf<'/api/v1/cases/{id}/assignee', 'put'>;
export type Candidates = ResponseOf<'/api/v1/cases/{id}/assignee-candidates', 'get'>;
export type Candidate = Candidates['items'][number];
export type BulkAssignBody = BodyOf<'/api/v1/cases/bulk-assign', 'post'>;
export type BulkAssignResult = ResponseOf<'/api/v1/cases/bulk-assign', 'post'>;

export const assignApi = {
  candidates: (caseId: number) => request<Candidates>(`/cases/${caseId}/assignee-candidates`),
  ownUnitCandidates: () => request<Candidates>('/cases/assignee-candidates'),
  assign: (caseId: number, body: AssignBody) => request<AssignResult>(`/cases/${caseId}/assignee`, { method: 'PUT', body }),
  bulkAssign: (body: BulkAssignBody) => request<BulkAssignResult>('/cases/bulk-assign', { method: 'POST', body }),
};

/**
 * Whom the user may name on these cases: the union of each case's candidates, asked once per distinct pair of
 * territory and lead department (the candidates depend on nothing else); each case is still checked on its own.
 */
export async function candidatesFor(cases: ReadonlyArray<{ id: number; territoryCode: string; departmentCode: string }>): Promise<Candidate[]> {
  const byPair = new Map<string, number>();
  for (const c of cases) if (!byPair.has(`${c.territoryCode}|${c.departmentCode}`)) byPair.set(`${c.territoryCode}|${c.departmentCode}`, c.id);
  const lists = await Promise.all([...byPair.values()].map((id) => assignApi.candidates(id)));
  const seen = new Map<number, Candidate>();
  for (const l of lists) for (const c of l.items) if (!seen.has(c.id)) seen.set(c.id, c);
  const order = { department: 0, territory: 1, office: 2 } as Record<string, number>;
  return [...seen.values()].sort(
    (a, b) => (order[a.unit.role] ?? 9) - (order[b.unit.role] ?? 9) || a.unit.name.localeCompare(b.unit.name) || a.name.localeCompare(b.name),
  );
}
