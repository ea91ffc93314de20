import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHexColor } from './color-contrast.js';
import { emailColorPairs } from './email-palette.js';

describe('parseHexColor', () => {
  it('reads six- and three-digit hex colours', () => {
    expect(parseHexColor('#1e3a8a')).toEqual({ red: 30, green: 58, blue: 138 });
    expect(parseHexColor('#FFF')).toEqual({ red: 255, green: 255, blue: 255 });
  });

  it('refuses everything that is not a solid hex colour', () => {
    for (const value of ['rgba(0,0,0,0.5)', 'transparent', 'white', '#12345', '#1234567g']) {
      expect(parseHexColor(value)).toBeUndefined();
    }
  });
});

describe('contrastRatio', () => {
  it('gives the WCAG extremes and is symmetric', () => {
    const black = parseHexColor('#000000')!;
    const white = parseHexColor('#ffffff')!;
    expect(contrastRatio(black, white)).toBeCloseTo(21, 5);
    expect(contrastRatio(white, black)).toBeCloseTo(21, 5);
    expect(contrastRatio(white, white)).toBe(1);
    // #767676 on white is the classic just-passing AA grey (4.54:1).
    expect(contrastRatio(parseHexColor('#767676')!, white)).toBeCloseTo(4.54, 2);
  });
});

describe('the email palette', () => {
  it.each(emailColorPairs)('$name reaches at least 7:1', ({ text, background }) => {
    const foreground = parseHexColor(text);
    const backdrop = parseHexColor(background);
    expect(foreground).toBeDefined();
    expect(backdrop).toBeDefined();
    expect(contrastRatio(foreground!, backdrop!)).toBeGreaterThanOrEqual(7);
  });
});
