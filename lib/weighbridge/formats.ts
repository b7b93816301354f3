// The indicator formats Weighbook reads, with how sure we are of each layout. "unverified" and "partly"
// are shown to admins when they choose a format (see ../shared/weighbridge/indicator-formats.md).
import { FrameReader, type FrameDecoder } from './framing';
import { averyWeighTronix } from './parsers/avery';
import { cardinalScoreboard } from './parsers/cardinal';
import { diniArgeo, stGs } from './parsers/comma-formats';
import { mtSics } from './parsers/mt-sics';
import { pavoneDat11 } from './parsers/pavone';
import { rinstrumFmt1, rinstrumFmt2, rinstrumFmt6 } from './parsers/rinstrum';
import { sma } from './parsers/sma';
import { templateDecoder, type TemplateConfig } from './parsers/template';
import { flintec, toledoContinuous, toledoWithChecksum } from './parsers/toledo';
import { yaohuaA12e, yaohuaEquals, yaohuaFormat0 } from './parsers/yaohua';

export const FORMAT_IDS = [
  'toledo',
  'toledo-checksum',
  'flintec',
  'mt-sics',
  'sma',
  'avery-weigh-tronix',
  'rinstrum-fmt1',
  'rinstrum-fmt2',
  'rinstrum-fmt6',
  'cardinal-scoreboard',
  'dini-argeo',
  'pavone-dat11',
  'st-gs',
  'yaohua-0',
  'yaohua-equals',
  'yaohua-a12e',
  'template',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

export interface FormatInfo {
  label: string;
  /** verified: the layout comes from the maker's manual or firmware; partly/unverified: see note. */
  confidence: 'verified' | 'partly' | 'unverified';
  note?: string;
  /** The format carries no motion flag: a weight is taken after identical frames only. */
  noMotionFlag?: boolean;
}

export const FORMATS: Record<FormatId, FormatInfo> = {
  toledo: { label: 'Mettler Toledo continuous (also Cardinal, Flintec, Rice Lake)', confidence: 'verified' },
  'toledo-checksum': { label: 'Mettler Toledo continuous with checksum', confidence: 'verified' },
  flintec: { label: 'Flintec FT-111 (Toledo variant)', confidence: 'verified' },
  'mt-sics': { label: 'Mettler Toledo MT-SICS (SIR)', confidence: 'verified' },
  sma: { label: 'SMA (Avery Weigh-Tronix ZM400, Cardinal, Flintec, Sartorius)', confidence: 'verified' },
  'avery-weigh-tronix': {
    label: 'Avery Weigh-Tronix continuous stream',
    confidence: 'partly',
    note: 'Layout from Rice Lake’s emulation; no motion flag. Native E1205/E1310 formats are not known.',
    noMotionFlag: true,
  },
  'rinstrum-fmt1': { label: 'Rinstrum AUTO FMT_1', confidence: 'verified', note: 'No unit in the frame: set the unit.' },
  'rinstrum-fmt2': { label: 'Rinstrum AUTO FMT_2', confidence: 'verified' },
  'rinstrum-fmt6': { label: 'Rinstrum AUTO FMT_6 (traffic lights)', confidence: 'verified' },
  'cardinal-scoreboard': { label: 'Cardinal Scoreboard (SB-400)', confidence: 'partly', note: 'Padding and the no-status case are not verified.' },
  'dini-argeo': { label: 'Dini Argeo', confidence: 'partly', note: 'Padding of the weight is not verified.' },
  'pavone-dat11': {
    label: 'Pavone DAT11',
    confidence: 'unverified',
    note: 'Status bits and checksum coverage are not verified; no unit in the frame: set the unit.',
    noMotionFlag: true,
  },
  'st-gs': { label: 'Generic “ST,GS” indicator', confidence: 'partly', note: 'Common on imported indicators; variants exist.' },
  'yaohua-0': { label: 'Yaohua XK3190 format 0', confidence: 'partly', note: 'No motion flag and no unit: set the unit.', noMotionFlag: true },
  'yaohua-equals': {
    label: 'Yaohua “=” format',
    confidence: 'unverified',
    note: 'The sign convention varies by model; no motion flag and no unit: set the unit.',
    noMotionFlag: true,
  },
  'yaohua-a12e': { label: 'Yaohua A12E', confidence: 'partly', note: 'No motion flag.', noMotionFlag: true },
  template: { label: 'Other: a frame template', confidence: 'unverified', note: 'Check the readings against the indicator’s display before use.' },
};

const DECODERS: Record<Exclude<FormatId, 'template'>, FrameDecoder> = {
  toledo: toledoContinuous,
  'toledo-checksum': toledoWithChecksum,
  flintec,
  'mt-sics': mtSics,
  sma,
  'avery-weigh-tronix': averyWeighTronix,
  'rinstrum-fmt1': rinstrumFmt1,
  'rinstrum-fmt2': rinstrumFmt2,
  'rinstrum-fmt6': rinstrumFmt6,
  'cardinal-scoreboard': cardinalScoreboard,
  'dini-argeo': diniArgeo,
  'pavone-dat11': pavoneDat11,
  'st-gs': stGs,
  'yaohua-0': yaohuaFormat0,
  'yaohua-equals': yaohuaEquals,
  'yaohua-a12e': yaohuaA12e,
};

export function decoderFor(format: FormatId, template?: TemplateConfig): FrameDecoder {
  if (format === 'template') {
    if (!template) throw new Error('The template format needs a template');
    return templateDecoder(template);
  }
  return DECODERS[format];
}

/** A fresh stream reader for one connection. */
export function frameReaderFor(format: FormatId, template?: TemplateConfig): FrameReader {
  return new FrameReader(decoderFor(format, template));
}
