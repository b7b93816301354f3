// The browser's Web Serial reader against a fake port that behaves as Chrome's does: a readable byte
// stream delivering frames in arbitrary pieces, an error when the cable is pulled, a 'connect' event
// when it is back. And the server's check of a weight taken in the browser, from its raw frame.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeToledo } from './parsers/toledo';
import { printable } from './reading';
import { DEFAULT_SERIAL } from './schema';
import { checkTakenReading, bytesOfPrintable } from './taken-reading';
import { rememberedPort, SerialIndicatorReader, webSerial, type SerialLike, type SerialMessage, type SerialPortLike } from './web-serial';

class FakePort implements SerialPortLike {
  opened: unknown[] = [];
  closed = 0;
  readable: ReadableStream<Uint8Array> | null = null;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  constructor(private readonly info: { usbVendorId?: number; usbProductId?: number } = {}) {}
  async open(options: unknown) {
    this.opened.push(options);
    this.readable = new ReadableStream<Uint8Array>({ start: (c) => void (this.controller = c) });
  }
  async close() {
    this.closed++;
  }
  getInfo() {
    return this.info;
  }
  send(bytes: Uint8Array) {
    this.controller!.enqueue(bytes);
  }
  pull() {
    this.controller!.error(new DOMException('The device has been lost.', 'NetworkError'));
  }
}

class FakeSerial extends EventTarget implements SerialLike {
  constructor(public ports: FakePort[]) {
    super();
  }
  async getPorts() {
    return this.ports;
  }
  async requestPort() {
    return this.ports[0]!;
  }
  plugIn(port: FakePort) {
    const event = new Event('connect');
    Object.defineProperty(event, 'target', { value: port });
    this.dispatchEvent(event);
  }
}

const config = { format: 'toledo' as const, template: null, unit: 'kg' as const, divisionKg: 20, serial: DEFAULT_SERIAL };
const settle = () => new Promise((r) => setTimeout(r, 5));
let reader: SerialIndicatorReader | null = null;
afterEach(async () => {
  await reader?.stop();
  reader = null;
});

describe('reading an indicator through Web Serial', () => {
  it('decodes frames that arrive in pieces, and offers the weight only once it has held still', async () => {
    const port = new FakePort();
    const serial = new FakeSerial([port]);
    const messages: SerialMessage[] = [];
    let clock = 1_000_000;
    reader = new SerialIndicatorReader(
      serial,
      config,
      (m) => messages.push(m),
      () => clock,
    );
    await reader.start(port);
    expect(port.opened).toEqual([{ baudRate: 9600, dataBits: 8, stopBits: 1, parity: 'none', bufferSize: 4096 }]);

    const moving = encodeToledo({ weight: 27_460, motion: true });
    const still = encodeToledo({ weight: 27_480 });
    // A partial frame first (the tail of one sent before the port opened), then frames split anywhere.
    port.send(still.slice(5));
    port.send(Uint8Array.from([...moving, ...still.slice(0, 4)]));
    port.send(still.slice(4));
    for (let i = 0; i < 12; i++) {
      clock += 100;
      port.send(still);
      await settle();
    }
    const lives = messages.flatMap((m) => (m.live ? [m.live] : []));
    expect(lives[0]).toMatchObject({ kg: 27_460, state: 'motion', takeable: false });
    expect(lives.at(-1)).toMatchObject({ kg: 27_480, state: 'stable', takeable: true });
    expect(lives.at(-1)!.raw).toBe(printable(still));
  });

  it('says when the cable is pulled out, and reads again by itself when it is back', async () => {
    const port = new FakePort();
    const serial = new FakeSerial([port]);
    const messages: SerialMessage[] = [];
    reader = new SerialIndicatorReader(serial, config, (m) => messages.push(m));
    await reader.start(port);
    port.send(encodeToledo({ weight: 11_240 }));
    await settle();
    port.pull();
    await settle();
    expect(messages.at(-1)).toMatchObject({ status: 'disconnected', live: null });
    expect(messages.at(-1)!.problem).toMatch(/Plug its cable back in/);

    serial.plugIn(port);
    await settle();
    expect(port.opened).toHaveLength(2);
    port.send(encodeToledo({ weight: 11_240 }));
    port.send(encodeToledo({ weight: 11_240 }));
    await settle();
    expect(messages.at(-1)).toMatchObject({ status: 'reading', live: { kg: 11_240 } });
  });

  it('reports a port it cannot open in words a clerk can act on', async () => {
    const port = new FakePort();
    port.open = async () => {
      throw new DOMException('Failed to open serial port.', 'NetworkError');
    };
    const messages: SerialMessage[] = [];
    reader = new SerialIndicatorReader(new FakeSerial([port]), config, (m) => messages.push(m));
    await reader.start(port);
    expect(messages.at(-1)).toMatchObject({ status: 'failed' });
    expect(messages.at(-1)!.problem).toMatch(/in use by another program/);
  });

  it('finds the port used before without asking, when the browser allows only that one', async () => {
    const one = new FakePort({ usbVendorId: 0x067b, usbProductId: 0x2303 });
    expect(await rememberedPort(new FakeSerial([one]), 'wb-1')).toBe(one);
    expect(await rememberedPort(new FakeSerial([one, new FakePort()]), 'wb-1')).toBeNull();
    expect(await rememberedPort(new FakeSerial([]), 'wb-1')).toBeNull();
  });

  it('is absent where the browser has no Web Serial', () => {
    expect(webSerial(undefined)).toBeNull();
    expect(webSerial({})).toBeNull();
    const serial = new FakeSerial([]);
    expect(webSerial({ serial })).toBe(serial);
  });
});

describe('a weight taken in the browser, checked on the server', () => {
  it('is accepted when its frame shows that weight at rest', () => {
    const raw = printable(encodeToledo({ weight: 27_480 }));
    expect(bytesOfPrintable(raw)).toEqual(encodeToledo({ weight: 27_480 }));
    expect(checkTakenReading(config, { raw, kg: 27_480 })).toEqual({ ok: true, kg: 27_480 });
  });

  it('is refused when the frame shows another weight, motion, overload or nothing readable', () => {
    const raw = printable(encodeToledo({ weight: 27_480 }));
    expect(checkTakenReading(config, { raw, kg: 17_480 })).toMatchObject({ ok: false, problem: expect.stringMatching(/does not match/) });
    expect(checkTakenReading(config, { raw: printable(encodeToledo({ weight: 27_480, motion: true })), kg: 27_480 })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/still moving/),
    });
    expect(checkTakenReading(config, { raw: printable(encodeToledo({ weight: 27_480, outOfRange: true })), kg: 27_480 })).toMatchObject({ ok: false });
    for (const bad of ['', 'hello', '<STX', '<ZZZ>', 'x'.repeat(600), '\u0000']) {
      expect(checkTakenReading(config, { raw: bad, kg: 27_480 }), bad).toMatchObject({ ok: false });
    }
  });
});
