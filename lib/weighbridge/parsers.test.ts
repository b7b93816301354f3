// One block per indicator format: stable, motion, negative, overload, garbage and split frames, built from
// the layouts in ../shared/weighbridge/indicator-formats.md.
import { describe, expect, it } from 'vitest';
import { decoderFor, frameReaderFor, type FormatId } from './formats';
import { encodeToledo } from './parsers/toledo';
import type { TemplateConfig } from './parsers/template';
import { compileTemplate } from './parsers/template';
import type { DecodeResult, Reading } from './reading';
import { StabilityJudge } from './stability';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const STX = '\x02';
const ETX = '\x03';

function decode(format: FormatId, frame: string | Uint8Array, template?: TemplateConfig): DecodeResult {
  return decoderFor(format, template).decode(typeof frame === 'string' ? bytes(frame) : frame);
}
function read(format: FormatId, frame: string | Uint8Array, template?: TemplateConfig): Reading {
  const r = decode(format, frame, template);
  if (!r.ok) throw new Error(`expected a reading, got: ${r.reason} (${r.raw})`);
  return r.reading;
}
/** Feeds the chunks one by one, as a port would deliver them, and returns the readings that came out. */
function stream(format: FormatId, chunks: (string | Uint8Array)[], template?: TemplateConfig): DecodeResult[] {
  const reader = frameReaderFor(format, template);
  return chunks.flatMap((c) => reader.push(typeof c === 'string' ? bytes(c) : c));
}
/** Splits a string into pieces of n bytes. */
const pieces = (s: string, n: number) => Array.from({ length: Math.ceil(s.length / n) }, (_, i) => s.slice(i * n, i * n + n));
const weights = (results: DecodeResult[]) => results.map((r) => (r.ok ? r.reading.weight : 'garbage'));

function xorHex(s: string): string {
  let x = 0;
  for (const c of s) x ^= c.charCodeAt(0);
  return x.toString(16).toUpperCase().padStart(2, '0');
}
const str = (u: Uint8Array) => String.fromCharCode(...u);

describe('Toledo continuous', () => {
  it('reads a stable gross weight in kg', () => {
    expect(read('toledo', encodeToledo({ weight: 24_380 }))).toMatchObject({ weight: 24_380, unit: 'kg', stable: true, net: false, overload: false });
  });
  it('reads motion, negative, net, lb and decimals', () => {
    expect(read('toledo', encodeToledo({ weight: 12_000, motion: true })).stable).toBe(false);
    expect(read('toledo', encodeToledo({ weight: -40 })).weight).toBe(-40);
    expect(read('toledo', encodeToledo({ weight: 500, net: true })).net).toBe(true);
    expect(read('toledo', encodeToledo({ weight: 500, unit: 'lb' })).unit).toBe('lb');
    expect(read('toledo', encodeToledo({ weight: 12.34, decimals: 2 })).weight).toBe(12.34);
  });
  it('flags out of range as overload (no weight)', () => {
    expect(read('toledo', encodeToledo({ weight: 99_999, outOfRange: true }))).toMatchObject({ overload: true, weight: null });
  });
  it('refuses garbage and weights off the increment', () => {
    expect(decode('toledo', STX + 'ABC123456000000\r').ok).toBe(false);
    expect(decode('toledo', encodeToledo({ weight: 1001, increment: 2 })).ok).toBe(false);
    expect(decode('toledo', encodeToledo({ weight: 1000, increment: 2 })).ok).toBe(true);
  });
  it('reads the parity bit set by a 7E1 indicator opened as 8N1', () => {
    const frame = encodeToledo({ weight: 3000, checksum: true }).map((b) => b | 0x80);
    expect(read('toledo-checksum', frame).weight).toBe(3000);
  });
  it('checks the checksum, which may itself be CR or STX, and never splits on CR', () => {
    const good = encodeToledo({ weight: 15_520, checksum: true });
    expect(read('toledo-checksum', good).weight).toBe(15_520);
    const bad = good.slice();
    bad[17] = (bad[17]! + 1) & 0x7f;
    expect(decode('toledo-checksum', bad).ok).toBe(false);
    // Find weights whose checksum is CR (0x0D) and STX (0x02): the framer must still take 18 bytes.
    for (const target of [0x0d, 0x02]) {
      let w = 0;
      while (encodeToledo({ weight: w, checksum: true })[17] !== target) w += 1;
      const frames = str(encodeToledo({ weight: w, checksum: true })) + str(encodeToledo({ weight: w + 20, checksum: true }));
      expect(weights(stream('toledo-checksum', pieces(frames, 5)))).toEqual([w, w + 20]);
    }
  });
  it('reads frames split across reads and drops a partial first frame', () => {
    const f = str(encodeToledo({ weight: 8000 }));
    const s = f.slice(9) + f + f;
    expect(weights(stream('toledo', pieces(s, 3)))).toEqual([8000, 8000]);
  });
});

describe('Flintec FT-111', () => {
  function flintecFrame(weight: string, statusB = 0x70): string {
    const body = STX + String.fromCharCode(0x2a, statusB, 0x30) + weight + '     0\r\n';
    let sum = 0;
    for (const c of body) sum += c.charCodeAt(0);
    return body + String.fromCharCode(-sum & 0xff);
  }
  it('reads stable, motion and negative weights', () => {
    expect(read('flintec', flintecFrame('  5420'))).toMatchObject({ weight: 5420, unit: 'kg', stable: true, error: false });
    expect(read('flintec', flintecFrame('  5420', 0x78)).stable).toBe(false);
    expect(read('flintec', flintecFrame('    20', 0x72)).weight).toBe(-20);
  });
  it('flags "not zeroed" (bit 6 clear) and out of range', () => {
    expect(read('flintec', flintecFrame('  5420', 0x30)).error).toBe(true);
    expect(read('flintec', flintecFrame('999999', 0x74)).overload).toBe(true);
  });
  it('refuses a bad checksum and garbage; reads split frames', () => {
    const f = flintecFrame('  5420');
    expect(decode('flintec', f.slice(0, 18) + 'x').ok).toBe(false);
    expect(decode('flintec', STX + 'nonsense-frame-xx').ok).toBe(false);
    expect(weights(stream('flintec', pieces('420\r\n' + f + f, 4)))).toEqual([5420, 5420]);
  });
});

describe('MT-SICS', () => {
  it('reads stable and dynamic replies, negative weights and units', () => {
    expect(read('mt-sics', 'S S     100.00 g\r\n')).toMatchObject({ weight: 100, unit: 'g', stable: true });
    expect(read('mt-sics', 'S D    2480 kg\r\n')).toMatchObject({ weight: 2480, stable: false });
    expect(read('mt-sics', 'S S   -20 kg\r\n').weight).toBe(-20);
    expect(read('mt-sics', 'S S -    20 kg\r\n').weight).toBe(-20);
  });
  it('reads overload, underload and not-executable', () => {
    expect(read('mt-sics', 'S +\r\n').overload).toBe(true);
    expect(read('mt-sics', 'S -\r\n').underload).toBe(true);
    expect(read('mt-sics', 'S I\r\n').error).toBe(true);
  });
  it('refuses garbage', () => {
    expect(decode('mt-sics', 'ES\r\n').ok).toBe(false);
    expect(decode('mt-sics', 'S S 12x kg\r\n').ok).toBe(false);
    expect(decode('mt-sics', 'S S 12 stone\r\n').ok).toBe(false);
  });
  it('reads split frames and drops the partial first line', () => {
    const s = '   100.00 g\r\n' + 'S S      12340 kg\r\n' + 'S D      12360 kg\r\n';
    expect(weights(stream('mt-sics', pieces(s, 7)))).toEqual([12340, 12360]);
  });
});

describe('SMA', () => {
  const sma = (s: string, r: string, n: string, m: string, w: string, unit = 'kg ') => `\n${s}${r}${n}${m} ${w.padStart(10)}${unit}\r`;
  it('reads stable, motion, negative and net', () => {
    expect(read('sma', sma(' ', '1', 'G', ' ', '12340'))).toMatchObject({ weight: 12340, unit: 'kg', stable: true, net: false });
    expect(read('sma', sma(' ', '1', 'G', 'M', '12340')).stable).toBe(false);
    expect(read('sma', sma(' ', '1', 'N', ' ', '-40')).weight).toBe(-40);
    expect(read('sma', sma(' ', '1', 'n', ' ', '40.5')).net).toBe(true);
    expect(read('sma', sma('Z', '1', 'G', ' ', '0', ' t ')).unit).toBe('t');
  });
  it('reads over, under and errors (dashes)', () => {
    expect(read('sma', sma('O', '1', 'G', ' ', '----------'))).toMatchObject({ overload: true, weight: null });
    expect(read('sma', sma('U', '1', 'G', ' ', '----------')).underload).toBe(true);
    expect(read('sma', sma('E', '1', 'G', ' ', '----------')).error).toBe(true);
  });
  it('refuses garbage', () => {
    expect(decode('sma', '\nX1G  123kg\r').ok).toBe(false);
    expect(decode('sma', sma('Q', '1', 'G', ' ', '100')).ok).toBe(false);
  });
  it('reads split frames', () => {
    const s = '12340kg \r' + sma(' ', '1', 'G', ' ', '12340') + sma(' ', '1', 'G', ' ', '12360');
    expect(weights(stream('sma', pieces(s, 6)))).toEqual([12340, 12360]);
  });
});

describe('Avery Weigh-Tronix stream', () => {
  it('reads gross, net and negative weights; no motion flag', () => {
    expect(read('avery-weigh-tronix', ' G+012340 kg\r')).toMatchObject({ weight: 12340, unit: 'kg', net: false, stable: null });
    expect(read('avery-weigh-tronix', ' N-000040 kg\r').weight).toBe(-40);
    expect(read('avery-weigh-tronix', ' G+0012.5 lb\r')).toMatchObject({ weight: 12.5, unit: 'lb' });
  });
  it('judges motion from changing frames', () => {
    const judge = new StabilityJudge();
    expect(judge.judge(read('avery-weigh-tronix', ' G+012340 kg\r'), 0).takeable).toBe(false);
    expect(judge.judge(read('avery-weigh-tronix', ' G+012360 kg\r'), 500).state).toBe('motion');
  });
  it('refuses garbage (overload has no verified form: anything else is garbage)', () => {
    expect(decode('avery-weigh-tronix', ' G+  1234 kg\r').ok).toBe(false);
    expect(decode('avery-weigh-tronix', ' X+012340 kg\r').ok).toBe(false);
    expect(decode('avery-weigh-tronix', ' G+012340 st\r').ok).toBe(false);
  });
  it('reads split frames', () => {
    expect(weights(stream('avery-weigh-tronix', pieces('40 kg\r\n G+012340 kg\r\n G+012360 kg\r\n', 5)))).toEqual([12340, 12360]);
  });
});

describe('Rinstrum', () => {
  it('FMT_1: stable, motion (M hides gross/net), negative, over/under/error', () => {
    expect(read('rinstrum-fmt1', `${STX}   12340G${ETX}`)).toMatchObject({ weight: 12340, stable: true, net: false, unit: null });
    expect(read('rinstrum-fmt1', `${STX}   12340M${ETX}`).stable).toBe(false);
    expect(read('rinstrum-fmt1', `${STX}-     40N${ETX}`)).toMatchObject({ weight: -40, net: true });
    expect(read('rinstrum-fmt1', `${STX} -------O${ETX}`).overload).toBe(true);
    expect(read('rinstrum-fmt1', `${STX} -------U${ETX}`).underload).toBe(true);
    expect(read('rinstrum-fmt1', `${STX} -------E${ETX}`).error).toBe(true);
  });
  it('FMT_2: flags, unit, and no unit while unstable', () => {
    expect(read('rinstrum-fmt2', `${STX}   12340G  - kg${ETX}`)).toMatchObject({ weight: 12340, unit: 'kg', stable: true });
    expect(read('rinstrum-fmt2', `${STX}   12.34G  1  t${ETX}`)).toMatchObject({ weight: 12.34, unit: 't' });
    expect(read('rinstrum-fmt2', `${STX}   12340GM -   ${ETX}`)).toMatchObject({ stable: false, unit: null });
    expect(read('rinstrum-fmt2', `${STX}-     20N Z- kg${ETX}`)).toMatchObject({ weight: -20, net: true });
    expect(read('rinstrum-fmt2', `${STX}   99999O  - kg${ETX}`)).toMatchObject({ overload: true, weight: null });
  });
  it('FMT_6: traffic-light sign bytes', () => {
    expect(read('rinstrum-fmt6', `${STX}p  12340G  - kg${ETX}`).weight).toBe(12340);
    expect(read('rinstrum-fmt6', `${STX}}     20G  - kg${ETX}`).weight).toBe(-20);
    expect(decode('rinstrum-fmt2', `${STX}p  12340G  - kg${ETX}`).ok).toBe(false);
  });
  it('refuses garbage and reads split frames', () => {
    expect(decode('rinstrum-fmt1', `${STX}   12x40G${ETX}`).ok).toBe(false);
    expect(decode('rinstrum-fmt2', `${STX}   12340X  - kg${ETX}`).ok).toBe(false);
    const s = `340G${ETX}${STX}   12340G${ETX}${STX}   12360G${ETX}`;
    expect(weights(stream('rinstrum-fmt1', pieces(s, 4)))).toEqual([12340, 12360]);
  });
});

describe('Cardinal Scoreboard', () => {
  it('reads stable, motion, negative, decimal point and net', () => {
    expect(read('cardinal-scoreboard', ' 012340KGG  \r')).toMatchObject({ weight: 12340, unit: 'kg', stable: true });
    expect(read('cardinal-scoreboard', ' 012340KGGMO\r').stable).toBe(false);
    expect(read('cardinal-scoreboard', '-000040KGNCZ\r')).toMatchObject({ weight: -40, net: true });
    expect(read('cardinal-scoreboard', ' 01234.5LBG\r')).toMatchObject({ weight: 1234.5, unit: 'lb' });
  });
  it('reads overload and error', () => {
    expect(read('cardinal-scoreboard', ' 999999KGGOC\r').overload).toBe(true);
    expect(read('cardinal-scoreboard', ' ------KGGEE\r').error).toBe(true);
  });
  it('refuses garbage and reads split frames', () => {
    expect(decode('cardinal-scoreboard', '+012340KGG  \r').ok).toBe(false);
    expect(decode('cardinal-scoreboard', ' 012340KGGXX\r').ok).toBe(false);
    expect(weights(stream('cardinal-scoreboard', pieces('KGG  \r 012340KGG  \r 012360KGGMO\r', 5)))).toEqual([12340, 12360]);
  });
});

describe('Dini Argeo', () => {
  it('reads stable, unstable, negative and net, with or without an address', () => {
    expect(read('dini-argeo', 'ST,GS,   12340,kg\r\n')).toMatchObject({ weight: 12340, stable: true, unit: 'kg' });
    expect(read('dini-argeo', '01US,GS,   12340,kg\r\n').stable).toBe(false);
    expect(read('dini-argeo', 'ST,NT,-     40,kg\r\n')).toMatchObject({ weight: -40, net: true });
  });
  it('reads over and under load', () => {
    expect(read('dini-argeo', 'OL,GS,--------,kg\r\n').overload).toBe(true);
    expect(read('dini-argeo', 'UL,GS,--------,kg\r\n').underload).toBe(true);
  });
  it('refuses garbage and reads split frames', () => {
    expect(decode('dini-argeo', 'XX,GS,   12340,kg\r\n').ok).toBe(false);
    expect(decode('dini-argeo', 'ST,GS,12340,kg\r\n').ok).toBe(false);
    expect(weights(stream('dini-argeo', pieces('40,kg\r\nST,GS,   12340,kg\r\nST,GS,   12360,kg\r\n', 6)))).toEqual([12340, 12360]);
  });
});

describe('Pavone DAT11', () => {
  const frame = (status: string, field: string) => `${STX}${status}${field}${xorHex(status + field)}${ETX}`;
  it('reads weights (status bits unverified: stability from repeated frames)', () => {
    expect(read('pavone-dat11', frame('0', '   12340'))).toMatchObject({ weight: 12340, stable: null, unit: null });
    expect(read('pavone-dat11', frame('0', '     -40')).weight).toBe(-40);
  });
  it('reads over and under weight', () => {
    expect(read('pavone-dat11', frame('0', '^^^^^^^^')).overload).toBe(true);
    expect(read('pavone-dat11', frame('0', '________')).underload).toBe(true);
  });
  it('refuses a bad checksum and garbage; reads split frames, EOT-ended too', () => {
    expect(decode('pavone-dat11', `${STX}0   1234000${ETX}`).ok).toBe(false);
    expect(decode('pavone-dat11', frame('0', '  12x340')).ok).toBe(false);
    const s = 'x' + frame('0', '   12340') + frame('0', '   12360').replace(ETX, '\x04');
    expect(weights(stream('pavone-dat11', pieces(s, 3)))).toEqual([12340, 12360]);
  });
});

describe('"ST,GS" indicators', () => {
  it('reads stable, unstable, negative, net and a space for +', () => {
    expect(read('st-gs', 'ST,GS,+011.120kg\r\n')).toMatchObject({ weight: 11.12, unit: 'kg', stable: true });
    expect(read('st-gs', 'US,GS,+011.120kg\r\n').stable).toBe(false);
    expect(read('st-gs', 'ST,NT,-000.040 t\r\n')).toMatchObject({ weight: -0.04, net: true, unit: 't' });
    expect(read('st-gs', 'ST,GS, 0012340kg\r\n').weight).toBe(12340);
  });
  it('reads overload', () => {
    expect(read('st-gs', 'OL,GS,+9999999kg\r\n')).toMatchObject({ overload: true, weight: null });
  });
  it('refuses garbage and reads split frames', () => {
    expect(decode('st-gs', 'ST,XX,+011.120kg\r\n').ok).toBe(false);
    expect(decode('st-gs', 'ST,GS,*011.120kg\r\n').ok).toBe(false);
    expect(weights(stream('st-gs', pieces('120kg\r\nST,GS,+0012340kg\r\nST,GS,+0012360kg\r\n', 5)))).toEqual([12340, 12360]);
  });
});

describe('Yaohua', () => {
  const f0 = (sign: string, digits: string, dec: string) => `${STX}${sign}${digits}${dec}${xorHex(sign + digits + dec)}${ETX}`;
  it('format 0: weights with decimals and sign, checksum checked', () => {
    expect(read('yaohua-0', f0('+', '012340', '0'))).toMatchObject({ weight: 12340, stable: null });
    expect(read('yaohua-0', f0('+', '012340', '2')).weight).toBe(123.4);
    expect(read('yaohua-0', f0('-', '000040', '0')).weight).toBe(-40);
    expect(decode('yaohua-0', `${STX}+0123400FF${ETX}`).ok).toBe(false);
    expect(decode('yaohua-0', f0('+', '012340', '7')).ok).toBe(false);
    expect(weights(stream('yaohua-0', pieces('40' + f0('+', '012340', '0') + f0('+', '012360', '0'), 5)))).toEqual([12340, 12360]);
  });
  it('format 0 has no motion flag: changing frames are motion', () => {
    const judge = new StabilityJudge({ unit: 'kg' });
    judge.judge(read('yaohua-0', f0('+', '012340', '0')), 0);
    expect(judge.judge(read('yaohua-0', f0('+', '012360', '0')), 1500).state).toBe('motion');
  });
  it('"=" format: least-significant first, then the sign; no terminator', () => {
    expect(read('yaohua-equals', '=0432100+').weight).toBe(12340);
    expect(read('yaohua-equals', '=04.3210-').weight).toBe(-123.4);
    expect(decode('yaohua-equals', '=04x3210+').ok).toBe(false);
    expect(weights(stream('yaohua-equals', pieces('100+=0432100+=0632100+', 4)))).toEqual([12340, 12360]);
  });
  it('A12E: WG004.139kg + XOR, overload as OL', () => {
    const a = (body: string) => `${body}${xorHex(body)}\r\n`;
    expect(read('yaohua-a12e', a('WG004.139kg'))).toMatchObject({ weight: 4.139, unit: 'kg', net: false });
    expect(read('yaohua-a12e', a('WN-00.040kg'))).toMatchObject({ weight: -0.04, net: true });
    expect(read('yaohua-a12e', a('WG  OL   kg')).overload).toBe(true);
    expect(decode('yaohua-a12e', 'WG004.139kg00\r\n').ok).toBe(false);
    expect(weights(stream('yaohua-a12e', pieces('9kg3D\r\n' + a('WG004.139kg') + a('WG004.159kg'), 4)))).toEqual([4.139, 4.159]);
  });
});

describe('frame template (an indicator none of the above reads)', () => {
  const stgs: TemplateConfig = {
    template: '{status:2},{mode:2},{sign}{weight:7}{unit:2}',
    terminator: 'CRLF',
    stableWhen: 'ST',
    overloadWhen: 'OL',
    netWhen: 'NT',
  };
  it('reads stable, motion, negative, net and overload', () => {
    expect(read('template', 'ST,GS,+0012340kg\r\n', stgs)).toMatchObject({ weight: 12340, unit: 'kg', stable: true });
    expect(read('template', 'US,GS,+0012340kg\r\n', stgs).stable).toBe(false);
    expect(read('template', 'ST,NT,-0000040kg\r\n', stgs)).toMatchObject({ weight: -40, net: true });
    expect(read('template', 'OL,GS,+-------kg\r\n', stgs).overload).toBe(true);
  });
  it('reads STX…ETX layouts', () => {
    const t: TemplateConfig = { template: '<STX>{status:1}{weight:8}', terminator: 'ETX', motionWhen: 'M' };
    expect(read('template', `${STX}S   12340${ETX}`, t)).toMatchObject({ weight: 12340, stable: true });
    expect(read('template', `${STX}M   12340${ETX}`, t).stable).toBe(false);
  });
  it('refuses frames that do not fit, and templates that are not templates', () => {
    expect(decode('template', 'ST,GS,+0012340kgX\r\n', stgs).ok).toBe(false);
    expect(decode('template', 'ST;GS,+0012340kg\r\n', stgs).ok).toBe(false);
    expect(compileTemplate('{weight:7}{weight:2}').ok).toBe(false);
    expect(compileTemplate('{weight:99}').ok).toBe(false);
    expect(compileTemplate('<BEL>{weight:5}').ok).toBe(false);
    expect(compileTemplate('{bogus:2}{weight:5}').ok).toBe(false);
  });
  it('runs in linear time on hostile input', () => {
    const hostile = 'ST,'.repeat(50) + '\r\n';
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) decode('template', hostile, stgs);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
  it('reads split frames', () => {
    expect(weights(stream('template', pieces('kg\r\nST,GS,+0012340kg\r\nST,GS,+0012360kg\r\n', 3), stgs))).toEqual([12340, 12360]);
  });
});

describe('stream reader bounds', () => {
  it('never holds more than its buffer, however long the noise', () => {
    const reader = frameReaderFor('st-gs');
    for (let i = 0; i < 200; i++) reader.push(bytes('x'.repeat(1000)));
    expect(weights(reader.push(bytes('\r\nST,GS,+0012340kg\r\n'))).at(-1)).toBe(12340);
  });
});

describe('stability', () => {
  it('takes a weight only after it holds, stable and on the division', () => {
    const judge = new StabilityJudge({ holdMs: 1000, minFrames: 3, divisionKg: 20 });
    const r = (weight: number, stable = true) => read('toledo', encodeToledo({ weight, motion: !stable }));
    expect(judge.judge(r(12_340), 0).takeable).toBe(false);
    expect(judge.judge(r(12_340), 500).takeable).toBe(false);
    expect(judge.judge(r(12_340), 1000)).toMatchObject({ takeable: true, state: 'stable', kg: 12_340 });
    expect(judge.judge(r(12_340, false), 1100).state).toBe('motion');
    expect(judge.judge(r(12_345), 3000).state).toBe('off-division');
  });
  it('refuses a weight with no unit, and overloads', () => {
    const judge = new StabilityJudge();
    expect(judge.judge(read('rinstrum-fmt1', `${STX}   12340G${ETX}`), 0).state).toBe('no-unit');
    expect(judge.judge(read('toledo', encodeToledo({ weight: 0, outOfRange: true })), 0).state).toBe('overload');
  });
});
