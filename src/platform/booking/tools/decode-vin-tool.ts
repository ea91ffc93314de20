import { decodeVin } from '../vin/index.js';
import type { BookingToolSpec } from './booking-tool.js';
import { requiredString } from './tool-arguments.js';

/** `decode_vin`: what a VIN says (maker, model year, country) and whether it is valid. No database. */
export const decodeVinTool: BookingToolSpec = {
  name: 'decode_vin',
  description:
    'Check and decode a vehicle identification number (VIN) the caller reads out: whether it is valid, the manufacturer, model year and country. ' +
    'If valid is false, read the reason to the caller and ask them to check the characters (I, O and Q never appear in a VIN).',
  parameters: {
    type: 'object',
    properties: {
      vin: { type: 'string', description: 'The 17-character VIN, letters and digits only.' },
    },
    required: ['vin'],
    additionalProperties: false,
  },
  execute(args, _context, session) {
    const vin = requiredString(args, 'vin', 40).replace(/[\s-]/g, '');
    return Promise.resolve(decodeVin(vin, { now: session.now() }));
  },
};
