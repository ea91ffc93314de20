import { describe, expect, it } from 'vitest';
import { decodeVin } from './decode-vin.js';
import { vinDecodingJsonSchema } from './vin-decoding-json-schema.js';
import { listKnownWmis, lookUpManufacturer } from './vin-manufacturers.js';

const now = new Date('2025-06-15T12:00:00Z');

describe('decodeVin', () => {
  it('decodes a known valid Honda VIN', () => {
    expect(decodeVin('1HGCM82633A004352', { now })).toEqual({
      vin: '1HGCM82633A004352',
      valid: true,
      manufacturer: 'Honda',
      country: 'United States',
      region: 'North America',
      modelYear: 2003,
      plantCode: 'A',
      serialNumber: '004352',
      checkDigitValid: true,
    });
  });

  it('decodes the textbook example, whose WMI is not in the table', () => {
    const decoded = decodeVin('1M8GDM9AXKP042788', { now });
    expect(decoded).toMatchObject({ valid: true, checkDigitValid: true, modelYear: 1989 });
    expect(decoded).toMatchObject({ plantCode: 'P', serialNumber: '042788' });
    expect(decoded.manufacturer).toBeUndefined();
  });

  it.each([
    ['5YJ3E1EA2KF317000', 'Tesla', 'United States', 2019],
    ['4T1BF1FK2CU000001', 'Toyota', 'United States', 2012],
    ['1FTFW1ET9DF000001', 'Ford', 'United States', 2013],
    ['2T1BURHEXJC000001', 'Toyota', 'Canada', 2018],
    ['3VWDB7AJ9HM000001', 'Volkswagen', 'Mexico', 2017],
    ['KNDJP3A52H7000001', 'Kia', 'South Korea', 2017],
    ['JTDKN3DU8A0000001', 'Toyota', 'Japan', 2010],
    ['WBA8E9C56GK000001', 'BMW', 'Germany', 2016],
    ['XP7YGCEK5PB000001', 'Tesla', 'Germany', 2023],
  ])('decodes %s as %s from %s, model year %i', (vin, manufacturer, country, modelYear) => {
    expect(decodeVin(vin, { now })).toMatchObject({
      valid: true,
      manufacturer,
      country,
      modelYear,
    });
  });

  it('still decodes year and plant for an unknown WMI', () => {
    expect(decodeVin('1ZZBL2CC9LA000123', { now })).toEqual({
      vin: '1ZZBL2CC9LA000123',
      valid: true,
      country: 'United States',
      region: 'North America',
      modelYear: 2020,
      plantCode: 'A',
      serialNumber: '000123',
      checkDigitValid: true,
    });
  });

  it('decodes a European VIN that has no check digit, and says why it is not valid', () => {
    const decoded = decodeVin(' wvwzzz1jzxw000001 ', { now });
    expect(decoded).toMatchObject({
      vin: 'WVWZZZ1JZXW000001',
      valid: false,
      checkDigitValid: false,
      manufacturer: 'Volkswagen',
      country: 'Germany',
      region: 'Europe',
      modelYear: 1999,
      plantCode: 'W',
    });
    expect(decoded.reason).toContain('check digit');
  });

  it('returns only the reason for a VIN of the wrong length', () => {
    expect(decodeVin('1HGCM8263', { now })).toEqual({
      vin: '1HGCM8263',
      valid: false,
      reason: 'A VIN has exactly 17 characters, but this one has 9.',
      plantCode: '',
      serialNumber: '',
      checkDigitValid: false,
    });
  });

  it('decodes positions of a 17-character VIN with a forbidden letter', () => {
    const decoded = decodeVin('1HGCM82633AO04352', { now });
    expect(decoded).toMatchObject({ valid: false, checkDigitValid: false, manufacturer: 'Honda' });
    expect(decoded.serialNumber).toBe('O04352');
  });

  it('produces plain data that matches the exported JSON schema', () => {
    const samples = ['1HGCM82633A004352', 'WVWZZZ1JZXW000001', 'short', '1M8GDM9AXKP042788'];
    const properties = vinDecodingJsonSchema.properties;
    for (const vin of samples) {
      const decoded = decodeVin(vin, { now });
      expect(JSON.parse(JSON.stringify(decoded))).toEqual(decoded);
      for (const key of vinDecodingJsonSchema.required) expect(decoded).toHaveProperty(key);
      for (const [key, value] of Object.entries(decoded)) {
        const property: { type: string; enum?: readonly string[] } =
          properties[key as keyof typeof properties];
        expect(property, key).toBeDefined();
        const jsonType = Number.isInteger(value) ? 'integer' : typeof value;
        expect(jsonType, key).toBe(property.type);
        if (property.enum !== undefined) expect(property.enum).toContain(value);
      }
    }
  });
});

describe('manufacturer table', () => {
  it('covers the common brands with well over 80 WMIs, each a valid 3-character code', () => {
    const wmis = listKnownWmis();
    expect(wmis.length).toBeGreaterThan(80);
    for (const wmi of wmis) expect(wmi).toMatch(/^[A-HJ-NPR-Z0-9]{3}$/);
    const brands = [
      '1FT',
      '1G1',
      '1GK',
      '5TD',
      '1HG',
      '1N4',
      'KMH',
      'KNA',
      'WVW',
      'WAU',
      'WBA',
      'WDD',
    ]
      .concat(['JF2', 'JM3', '5YJ', '1C4', '1J4', '1C6', 'YV1', 'WP1', 'JTH', '19U', 'JNK'])
      .map((wmi) => lookUpManufacturer(wmi).manufacturer);
    expect(brands).not.toContain(undefined);
  });
});
