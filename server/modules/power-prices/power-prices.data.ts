/** The price table in force: the national rows (domain) followed by the reference set's provincial rows (data). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIONAL_POWER_PRICES, POWER_TIERS, type PriceVersion } from '../../domain/levers/power-price.ts';
import { FatalError } from '../../platform/errors.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'seeds', 'reference');
const cache = new Map<string, readonly PriceVersion[]>();

function checkRow(r: PriceVersion, i: number, file: string): void {
  const ok =
    POWER_TIERS.includes(r.tier) &&
    /^\d{4}-\d{2}-\d{2}$/.test(r.from) &&
    /^\d{1,3}(\.\d{1,4})?$/.test(r.surcharge) &&
    typeof r.basis?.id === 'string' &&
    (r.industries === null || Array.isArray(r.industries));
  if (!ok) throw new FatalError(`${file}: row ${i + 1} is not a valid price row (tier, from YYYY-MM-DD, surcharge, industries, basis.id)`);
}

export function powerPriceTable(referenceSet: string): readonly PriceVersion[] {
  let t = cache.get(referenceSet);
  if (!t) {
    const file = path.join(ROOT, referenceSet, 'power-prices.json');
    const provincial = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { items: PriceVersion[] }).items : [];
    provincial.forEach((r, i) => checkRow(r, i, file));
    cache.set(referenceSet, (t = [...NATIONAL_POWER_PRICES, ...provincial]));
  }
  return t;
}
