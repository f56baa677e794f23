/**
 * Names of the units a case names (issue 17): territories and departments from the reference set, and who stands
 * behind each lifecycle role on a case — its territory, its lead department, the leading-group office, the city
 * government, or the platform's deadline sweep. Read once per reference set.
 */
import { readReferenceSet } from '../../seeds/reference.ts';
import type { Role } from '../../domain/lifecycle/index.ts';

export interface UnitName {
  role: Role;
  code: string | null;
  name: string;
  nameEn: string;
}

interface Names {
  territories: Map<string, { name: string; nameEn: string }>;
  departments: Map<string, { name: string; nameEn: string }>;
}
const cache = new Map<string, Names>();

function names(referenceSet: string): Names {
  let n = cache.get(referenceSet);
  if (!n) {
    const ref = readReferenceSet(referenceSet);
    n = {
      territories: new Map(ref.territories.map((t) => [t.code, { name: t.name, nameEn: t.nameEn }])),
      departments: new Map(ref.departments.map((d) => [d.code, { name: d.name, nameEn: d.nameEn }])),
    };
    cache.set(referenceSet, n);
  }
  return n;
}

export function territoryName(code: string, referenceSet = 'wuhu'): { name: string; nameEn: string } {
  return names(referenceSet).territories.get(code) ?? { name: code, nameEn: code };
}

export function departmentName(code: string, referenceSet = 'wuhu'): { name: string; nameEn: string } {
  return names(referenceSet).departments.get(code) ?? { name: code, nameEn: code };
}

/** The unit that acts in `role` on a case of this territory, led by this department. */
export function unitOfRole(role: Role, c: { territoryCode: string; departmentCode: string }, referenceSet = 'wuhu'): UnitName {
  switch (role) {
    case 'territory':
      return { role, code: c.territoryCode, ...territoryName(c.territoryCode, referenceSet) };
    case 'department':
      return { role, code: c.departmentCode, ...departmentName(c.departmentCode, referenceSet) };
    case 'office':
      // LOCAL CHOICE of wording: the leading group's office (plan §4 组织领导) as officials name it
      return { role, code: null, name: '市领导小组办公室', nameEn: "the leading group's office" };
    case 'government':
      return { role, code: null, name: '市政府', nameEn: 'the city government' };
    case 'system':
      return { role, code: null, name: '平台（到期自动）', nameEn: 'the platform (automatically at the due date)' };
  }
}
