/**
 * Manufacturer by World Manufacturer Identifier (the first three VIN characters), for brands a
 * North American dealership's service department commonly sees. Written from public knowledge of
 * WMI assignments; unknown WMIs simply have no manufacturer.
 */

// prettier-ignore
const wmisByManufacturer: Readonly<Record<string, readonly string[]>> = {
  Ford: ['1FA', '1FB', '1FC', '1FD', '1FM', '1FT', '2FA', '2FM', '2FT', '3FA', '3FM', '3FT', 'WF0', 'NM0', 'MAJ'],
  Lincoln: ['1LN', '5LM', '2LM', '3LN'],
  Mercury: ['1ME', '4M2'],
  Chevrolet: ['1G1', '1GC', '1GN', '1GB', '2G1', '2GN', '2GC', '3G1', '3GN', '3GC', 'KL1', 'KL7', 'KL8'],
  GMC: ['1GT', '1GK', '2GT', '2GK', '3GT', '3GK'],
  Buick: ['1G4', '2G4', '5GA', 'KL4', 'LRB', 'W04'],
  Cadillac: ['1G6', '1GY'],
  Pontiac: ['1G2', '5Y2'],
  Oldsmobile: ['1G3'],
  Saturn: ['1G8'],
  Hummer: ['5GR'],
  Toyota: ['JT2', 'JT3', 'JT4', 'JTD', 'JTE', 'JTM', 'JTN', '2T1', '2T3', '4T1', '4T3', '4T4', '5TB', '5TD', '5TE', '5TF', '5YF', '3TM'],
  Lexus: ['JTH', 'JTJ', '2T2', '58A'],
  Scion: ['JTK', 'JTL'],
  Honda: ['JHM', 'JHL', '1HG', '2HG', '2HK', '5FN', '5FP', '5J6', '19X', '7FA', '3CZ', 'SHH'],
  Acura: ['JH4', '19U', '5J8', '2HN'],
  Nissan: ['JN1', 'JN8', '1N4', '1N6', '5N1', '3N1', '3N6', 'SJN', 'VSK'],
  Infiniti: ['JNK', 'JNR', '5N3'],
  Hyundai: ['KMH', 'KM8', '5NP', '5NM', '5NT', 'TMA', 'MAL'],
  Genesis: ['KMT', 'KMU'],
  Kia: ['KNA', 'KND', '5XX', '5XY', '3KP', 'U5Y'],
  Volkswagen: ['WVW', 'WVG', 'WV1', 'WV2', '1VW', '1V2', '3VW', '3VV', '9BW'],
  Audi: ['WAU', 'WA1', 'WUA', 'TRU'],
  BMW: ['WBA', 'WBS', 'WBX', 'WBY', '5UX', '5YM', '4US'],
  MINI: ['WMW'],
  'Mercedes-Benz': ['WDB', 'WDC', 'WDD', 'W1K', 'W1N', '4JG', '55S'],
  smart: ['WME'],
  Subaru: ['JF1', 'JF2', '4S3', '4S4'],
  Mazda: ['JM1', 'JM3', 'JMZ', '1YV', '3MZ', '3MV', '4F2', '7MM'],
  Mitsubishi: ['JA3', 'JA4', '4A3', '4A4', 'ML3'],
  Suzuki: ['JS2', 'JS3', '2S3'],
  Tesla: ['5YJ', '7SA', 'LRW', 'XP7'],
  Rivian: ['7FC', '7PD'],
  Lucid: ['50E'],
  Chrysler: ['2A4', '2A8', '3A4'],
  'Chrysler or Dodge': ['1C3', '2C3', '2C4', '3C4'],
  'Chrysler, Dodge or Jeep': ['1C4'],
  Dodge: ['1B3', '1B4', '1B7', '1D3', '1D4', '1D7', '2B3', '2D4', '3D7'],
  Jeep: ['1J4', '1J8'],
  'Jeep or Fiat': ['ZAC'],
  Ram: ['1C6', '3C6'],
  Fiat: ['ZFA'],
  'Alfa Romeo': ['ZAR'],
  Ferrari: ['ZFF'],
  Maserati: ['ZAM'],
  Lamborghini: ['ZHW'],
  Volvo: ['YV1', 'YV4', '7JR', 'LYV'],
  Polestar: ['LPS'],
  Porsche: ['WP0', 'WP1'],
  'Land Rover': ['SAL'],
  Jaguar: ['SAJ'],
  'Aston Martin': ['SCF'],
  Bentley: ['SCB'],
  'Rolls-Royce': ['SCA'],
  Lotus: ['SCC'],
  McLaren: ['SBM'],
  Renault: ['VF1'],
  Peugeot: ['VF3'],
  'Citroën': ['VF7'],
  Opel: ['W0L'],
  'Škoda': ['TMB'],
  SEAT: ['VSS'],
  Dacia: ['UU1'],
};

/** Plants whose WMI does not follow the country ranges of its first two characters. */
const countryByWmi: Readonly<Record<string, string>> = {
  XP7: 'Germany',
};

const manufacturerByWmi: ReadonlyMap<string, string> = new Map(
  Object.entries(wmisByManufacturer).flatMap(([manufacturer, wmis]) =>
    wmis.map((wmi) => [wmi, manufacturer] as const),
  ),
);

/** Every WMI the table knows, for tests and for listing supported makes. */
export function listKnownWmis(): string[] {
  return [...manufacturerByWmi.keys()];
}

/**
 * Manufacturer (brand as a customer would say it) for a WMI, plus a country where that WMI is an
 * exception to the usual ranges. Empty object for WMIs not in the table.
 */
export function lookUpManufacturer(wmi: string): { manufacturer?: string; country?: string } {
  const manufacturer = manufacturerByWmi.get(wmi);
  const country = countryByWmi[wmi];
  return {
    ...(manufacturer === undefined ? {} : { manufacturer }),
    ...(country === undefined ? {} : { country }),
  };
}
