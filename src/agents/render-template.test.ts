import { describe, expect, it } from 'vitest';
import { listTemplateVariables, renderTemplate } from './render-template.js';

describe('renderTemplate', () => {
  it('fills placeholders, with or without spaces inside the braces', () => {
    const result = renderTemplate('Hi {{name}}, welcome to {{ business_name }}!', {
      name: 'Ana',
      business_name: 'Acme Motors',
    });
    expect(result).toEqual({ text: 'Hi Ana, welcome to Acme Motors!', missing: [] });
  });

  it('renders unknown placeholders as empty text and lists each once', () => {
    const result = renderTemplate('{{a}} and {{b}} and {{a}}', {});
    expect(result).toEqual({ text: ' and  and ', missing: ['a', 'b'] });
  });

  it('uses an empty value as given, not as missing', () => {
    expect(renderTemplate('[{{x}}]', { x: '' })).toEqual({ text: '[]', missing: [] });
  });

  it('never reaches inherited properties', () => {
    const result = renderTemplate('{{constructor}}{{toString}}{{__proto__}}', {});
    expect(result.text).toBe('');
    expect(result.missing).toEqual(['constructor', 'toString', '__proto__']);
  });

  it('leaves text that is not a placeholder alone and does not re-expand values', () => {
    const result = renderTemplate('{single} {{ }} {{1abc}} {{x}}', { x: '{{x}}' });
    expect(result.text).toBe('{single} {{ }} {{1abc}} {{x}}');
  });

  it('supports dotted and dashed names', () => {
    expect(renderTemplate('{{customer.first-name}}', { 'customer.first-name': 'Jo' }).text).toBe(
      'Jo',
    );
  });
});

describe('listTemplateVariables', () => {
  it('lists placeholder names once, in order', () => {
    expect(listTemplateVariables('{{b}} {{a}} {{ b }}')).toEqual(['b', 'a']);
  });
});
