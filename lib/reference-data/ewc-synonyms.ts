// The words clerks use for waste, mapped to the EWC codes they nearly always mean. The catalogue's
// descriptions are the regulation's ("gypsum-based construction materials"); the driver says
// "plasterboard". Curated by hand from the codes UK transfer stations, HWRCs and C&D sites take most;
// the first code of an entry is the usual one, the rest are the likely alternatives (often the
// hazardous mirror entry, so the clerk sees the choice). Pure data.

export interface EwcSynonym {
  /** Lower-case words and phrases the clerk may type. */
  terms: readonly string[];
  /** Codes, most likely first. */
  codes: readonly string[];
}

export const EWC_SYNONYMS: readonly EwcSynonym[] = [
  // Construction and demolition
  { terms: ['plasterboard', 'plaster board', 'gypsum', 'drywall', 'gyproc', 'plaster'], codes: ['170802', '170801'] },
  { terms: ['hardcore', 'rubble', 'brick rubble', 'inert', 'c&d', 'construction waste', 'demolition waste'], codes: ['170107', '170904', '170106'] },
  { terms: ['concrete', 'crushed concrete'], codes: ['170101', '170107'] },
  { terms: ['bricks', 'brick'], codes: ['170102', '170107'] },
  { terms: ['tiles', 'ceramics', 'ceramic tiles', 'roof tiles'], codes: ['170103', '170107'] },
  { terms: ['soil', 'topsoil', 'subsoil', 'earth', 'dirt', 'muck', 'spoil', 'stones', 'muckaway', 'muck away'], codes: ['170504', '170503', '200202'] },
  { terms: ['contaminated soil'], codes: ['170503', '170504'] },
  { terms: ['dredgings', 'dredging spoil', 'silt'], codes: ['170506', '170505'] },
  { terms: ['ballast', 'track ballast', 'railway ballast'], codes: ['170508', '170507'] },
  { terms: ['tarmac', 'asphalt', 'road planings', 'planings', 'bitumen'], codes: ['170302', '170301'] },
  { terms: ['coal tar', 'tar'], codes: ['170303', '170301'] },
  { terms: ['mixed builders waste', 'builders waste', 'mixed construction', 'skip waste', 'general building waste'], codes: ['170904', '170903'] },
  { terms: ['asbestos', 'asbestos sheets', 'cement bonded asbestos', 'ac sheets'], codes: ['170605', '170601'] },
  { terms: ['insulation', 'rockwool', 'glass wool', 'loft insulation', 'mineral wool'], codes: ['170604', '170603'] },
  { terms: ['timber', 'wood', 'lumber', 'pallets', 'pallet', 'offcuts', 'fence panels'], codes: ['170201', '200138', '150103', '200137'] },
  { terms: ['treated wood', 'railway sleepers', 'sleepers', 'creosote'], codes: ['170204', '200137'] },
  { terms: ['glass', 'window glass', 'glazing'], codes: ['170202', '200102', '150107'] },
  { terms: ['plastic', 'plastics', 'upvc', 'pvc', 'guttering', 'plastic pipe'], codes: ['170203', '200139', '150102'] },
  { terms: ['scrap metal', 'scrap', 'metal', 'metals', 'mixed metals'], codes: ['170407', '200140', '191202'] },
  { terms: ['steel', 'iron', 'rebar'], codes: ['170405', '191202'] },
  { terms: ['copper'], codes: ['170401', '191203'] },
  { terms: ['aluminium', 'aluminum', 'ally'], codes: ['170402', '191203'] },
  { terms: ['lead', 'lead flashing'], codes: ['170403', '191203'] },
  { terms: ['cable', 'cables', 'wire', 'copper cable'], codes: ['170411', '170410'] },
  { terms: ['roofing felt', 'felt'], codes: ['170904', '170303'] },
  // Household and commercial
  { terms: ['general waste', 'black bag', 'black bags', 'household waste', 'rubbish', 'residual', 'municipal waste', 'refuse'], codes: ['200301'] },
  {
    terms: [
      'bulky waste',
      'bulky',
      'furniture',
      'sofa',
      'sofas',
      'settee',
      'couch',
      'armchair',
      'mattress',
      'mattresses',
      'bed',
      'wardrobe',
      'carpet',
      'carpets',
    ],
    codes: ['200307'],
  },
  { terms: ['upholstered', 'upholstered seating', 'pops sofa'], codes: ['200307', '200301'] },
  {
    terms: ['garden waste', 'green waste', 'grass', 'grass cuttings', 'hedge', 'hedge trimmings', 'leaves', 'branches', 'prunings', 'tree', 'trees', 'brash'],
    codes: ['200201'],
  },
  { terms: ['food waste', 'food', 'kitchen waste', 'catering waste', 'canteen waste'], codes: ['200108', '020304'] },
  { terms: ['cooking oil', 'chip fat', 'used cooking oil', 'uco', 'vegetable oil'], codes: ['200125'] },
  { terms: ['street sweepings', 'road sweepings', 'sweepings'], codes: ['200303'] },
  { terms: ['fly tipping', 'fly-tipping', 'flytip'], codes: ['200301', '200307', '200399'] },
  { terms: ['litter', 'bin waste'], codes: ['200301', '200303'] },
  { terms: ['textiles', 'clothes', 'clothing', 'rags', 'fabric', 'shoes'], codes: ['200111', '200110', '191208'] },
  { terms: ['cesspit', 'septic tank', 'septic', 'sewage sludge', 'cess'], codes: ['200304', '190805'] },
  { terms: ['gully waste', 'gully', 'interceptor waste'], codes: ['200306', '130508'] },
  // Packaging and recyclables
  { terms: ['cardboard', 'card', 'boxes', 'carton', 'cartons', 'occ', 'corrugated'], codes: ['150101', '200101'] },
  { terms: ['paper', 'newspaper', 'newspapers', 'magazines', 'office paper', 'shredded paper'], codes: ['200101', '150101', '191201'] },
  { terms: ['plastic packaging', 'shrink wrap', 'stretch wrap', 'film', 'plastic film', 'bottles', 'plastic bottles'], codes: ['150102'] },
  { terms: ['dry mixed recycling', 'dmr', 'mixed recycling', 'co-mingled', 'commingled', 'recycling'], codes: ['150106', '200301'] },
  { terms: ['glass bottles', 'bottle bank', 'jars'], codes: ['150107', '200102'] },
  { terms: ['cans', 'tins', 'drinks cans', 'metal packaging'], codes: ['150104'] },
  { terms: ['polystyrene', 'eps'], codes: ['150102', '170604'] },
  { terms: ['wooden pallets', 'crates'], codes: ['150103'] },
  { terms: ['ibc', 'ibcs', 'drums', 'empty drums', 'contaminated packaging', 'oily rags'], codes: ['150110', '150202'] },
  { terms: ['aerosols', 'aerosol cans', 'spray cans'], codes: ['150111', '160504'] },
  // WEEE, batteries and hazardous household
  { terms: ['fridge', 'fridges', 'freezer', 'freezers', 'fridge freezer'], codes: ['200123'] },
  { terms: ['tv', 'tvs', 'television', 'televisions', 'monitor', 'monitors', 'screens', 'crt'], codes: ['200135', '200136'] },
  {
    terms: ['weee', 'electricals', 'electrical', 'small appliances', 'sda', 'computers', 'laptops', 'printers', 'kettles'],
    codes: ['200136', '200135', '160214'],
  },
  { terms: ['white goods', 'washing machine', 'washing machines', 'cooker', 'cookers', 'dishwasher'], codes: ['200136'] },
  { terms: ['fluorescent tubes', 'strip lights', 'light bulbs', 'bulbs', 'lamps', 'tubes'], codes: ['200121'] },
  { terms: ['batteries', 'battery', 'car batteries', 'car battery', 'lead acid'], codes: ['160601', '200133', '200134'] },
  { terms: ['household batteries', 'aa batteries', 'alkaline batteries'], codes: ['200134', '160604'] },
  { terms: ['paint', 'paints', 'paint tins', 'emulsion'], codes: ['200128', '200127', '080112', '080111'] },
  { terms: ['solvents', 'thinners', 'white spirit'], codes: ['200113', '140603'] },
  { terms: ['pesticides', 'weedkiller', 'herbicides'], codes: ['200119'] },
  { terms: ['engine oil', 'waste oil', 'motor oil', 'used oil', 'sump oil'], codes: ['130205', '130208', '200126'] },
  { terms: ['oil filters'], codes: ['160107'] },
  { terms: ['antifreeze', 'coolant'], codes: ['160115', '160114'] },
  { terms: ['gas bottles', 'gas cylinders', 'cylinders', 'calor', 'propane'], codes: ['160505', '160504'] },
  { terms: ['medicines', 'pharmaceuticals', 'drugs', 'tablets'], codes: ['200132', '200131'] },
  { terms: ['sharps', 'needles', 'clinical waste'], codes: ['180101', '180103'] },
  { terms: ['chemicals', 'lab chemicals', 'laboratory chemicals'], codes: ['160506', '160507'] },
  // Vehicles, tyres, industry
  { terms: ['tyres', 'tyre', 'tires', 'tire', 'car tyres'], codes: ['160103'] },
  { terms: ['end of life vehicle', 'elv', 'scrap car', 'car', 'vehicle'], codes: ['160106', '160104'] },
  { terms: ['sawdust', 'shavings', 'wood chip', 'woodchip', 'chippings'], codes: ['030105', '191207'] },
  { terms: ['rdf', 'refuse derived fuel', 'srf', 'solid recovered fuel'], codes: ['191210'] },
  { terms: ['trommel fines', 'fines', 'screenings'], codes: ['191212', '191209'] },
  { terms: ['compost', 'digestate'], codes: ['190503', '190606'] },
  { terms: ['manure', 'slurry', 'farmyard manure', 'fym'], codes: ['020106'] },
  { terms: ['animal waste', 'carcasses', 'fallen stock'], codes: ['020102'] },
  { terms: ['incinerator ash', 'iba', 'bottom ash', 'ash'], codes: ['190112', '100101'] },
];

const MIN_PREFIX = 3;

/**
 * The codes a query's everyday words stand for, most likely first: a term matches when the query is
 * the term, or the start of it ("plaster" finds "plasterboard"). A query of several words that is no
 * term is a search of the descriptions, not of these names.
 */
export function synonymCodes(query: string): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 80);
  if (q.length < MIN_PREFIX) return [];
  const exact: string[] = [];
  const partial: string[] = [];
  for (const { terms, codes } of EWC_SYNONYMS) {
    if (terms.includes(q)) exact.push(...codes);
    else if (terms.some((t) => t.startsWith(q))) partial.push(...codes);
  }
  return [...new Set([...exact, ...partial])];
}
