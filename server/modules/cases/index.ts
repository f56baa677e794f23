/** The cases module's public face: what other modules may import (the year-end certificate takes an act through it). */
export { applyCaseActIn } from './commands/apply-case-act.ts';
export { presentCaseItem } from './cases.presenter.ts';
export { caseColumns } from './cases.repository.ts';
export { CaseItem } from './cases.schemas.ts';
export { evidencePath, evidenceRoot } from './evidence-store.ts';
