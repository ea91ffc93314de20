/**
 * JSON Schema (draft 2020-12 subset that LLM tool APIs accept) of {@link VinDecoding}, for tools
 * that return a decoded VIN to a model or an API that documents its responses.
 */
export const vinDecodingJsonSchema = {
  type: 'object',
  description: 'What a vehicle identification number says about the vehicle.',
  properties: {
    vin: { type: 'string', description: 'The VIN, trimmed and upper-cased.' },
    valid: { type: 'boolean', description: 'Whether the VIN passes the North American check.' },
    reason: { type: 'string', description: 'Why the VIN is not valid; only when valid is false.' },
    manufacturer: { type: 'string', description: 'Brand, from the first three characters.' },
    country: { type: 'string', description: 'Country of manufacture.' },
    region: {
      type: 'string',
      enum: ['Africa', 'Asia', 'Europe', 'North America', 'Oceania', 'South America'],
    },
    modelYear: { type: 'integer', description: 'Model year, from the tenth character.' },
    plantCode: { type: 'string', description: 'Assembly plant code (eleventh character).' },
    serialNumber: { type: 'string', description: 'Production sequence number (last six).' },
    checkDigitValid: { type: 'boolean', description: 'Whether the ninth character matches.' },
  },
  required: ['vin', 'valid', 'plantCode', 'serialNumber', 'checkDigitValid'],
  additionalProperties: false,
} as const;
