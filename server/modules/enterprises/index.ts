/** The enterprises module's public face: the registry rules, scopes and helpers that lines and the import share. */
export { isUniqueViolation } from './commands/create-enterprise.ts';
export { updateEnterpriseTx } from './commands/update-enterprise.ts';
export { registrationFields, submitPendingRegistration } from './pending-registrations.ts';
export { enterpriseAllowedActs, mayWriteRegistry } from './enterprises.presenter.ts';
export { applyEnterpriseFilters, escapeLike, findEnterprise, type EnterpriseFilters } from './enterprises.repository.ts';
export { REGISTRY_READERS, REGISTRY_WRITERS } from './enterprises.routes.ts';
export { CatalogueClassSchema, EnterpriseFilterQuery } from './enterprises.schemas.ts';
export {
  CAPACITY_PATTERN,
  assertRules,
  capacityRule,
  creditCodeRule,
  industryRule,
  lineKindRule,
  loadRegistryReference,
  messageOf,
  normDecimal,
  normMarks,
  territoryRule,
  unitRule,
  type CatalogueClass,
  type RegistryReference,
  type RuleCode,
  type RuleError,
} from './registry-rules.ts';
