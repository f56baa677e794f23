import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCreditCode, creditCodeCheckChar } from './credit-code.ts';

describe('GB 32100-2015 unified social credit code (facts-cn §9)', () => {
  it('GB 32100-2015: the published examples validate', () => {
    for (const c of ['914403001922038216', '91440300708461136T', '91330100799655058B', '91110000710926094P'])
      expect(checkCreditCode(c), c).toEqual({ ok: true });
    expect(creditCodeCheckChar('91440300192203821')).toBe('6');
  });

  it('GB 32100-2015: early Fujian pilot codes are well-formed but fail only the check digit (warn, not reject)', () => {
    for (const c of ['91350100M0001TGQXM', '91350211M0000XUF46']) {
      const r = checkCreditCode(c);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toBe('CHECK_DIGIT');
        expect(r.expected).toMatch(/^[0-9A-HJ-NPQRTUWXY]$/);
      }
    }
  });

  it('GB 32100-2015: wrong length, I/O/Z/S/V, letters in the area code are FORMAT errors', () => {
    for (const c of ['91440300192203821', '9144030019220382166', '91440300192203821I', '914403O01922038216', '9144AB001922038216', 'S14403001922038216', '']) {
      expect(checkCreditCode(c), c).toEqual({ ok: false, reason: 'FORMAT' });
    }
  });

  it('GB 32100-2015: any 17 valid characters plus their check character validate; changing the 18th fails', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');
    const c = fc.constantFrom(...chars);
    const d = fc.constantFrom(...'0123456789'.split(''));
    fc.assert(
      fc.property(
        fc.tuple(c, c),
        fc.array(d, { minLength: 6, maxLength: 6 }),
        fc.array(c, { minLength: 9, maxLength: 9 }),
        fc.constantFrom(...chars),
        (h, area, body, other) => {
          const first17 = [...h, ...area, ...body].join('');
          const check = creditCodeCheckChar(first17);
          expect(checkCreditCode(first17 + check)).toEqual({ ok: true });
          if (other !== check) expect(checkCreditCode(first17 + other)).toEqual({ ok: false, reason: 'CHECK_DIGIT', expected: check });
        },
      ),
    );
  });
});
