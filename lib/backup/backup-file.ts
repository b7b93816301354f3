// The backup file: one file per backup, written by streaming, readable back only when whole.
//
//   "WBBACKUP" · version (1 byte) · flags (1 byte: 1 = encrypted) · [key id (6 bytes) · IV (12 bytes)]
//   body: gzip of the entries, AES-256-GCM encrypted when a key is set
//   trailer: [GCM tag (16 bytes)] · SHA-256 of every byte before it (32 bytes) · "WBKEND01"
//
// Entries inside the gzip: type (1 byte: 1 file, 2 folder, 0 end) · path length (2 bytes) · path ·
// for a file its size (8 bytes) and bytes. The end marker is required: a body cut short is refused.
// The SHA-256 catches a damaged or truncated file before anything is extracted; the GCM tag proves an
// encrypted one was made with this key and not altered. Written to a temporary name, fsynced, then
// renamed, so a backup killed half-way never leaves a file that looks complete.
import { createCipheriv, createDecipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { keyId } from '@/lib/crypto/secret-box';

const MAGIC = Buffer.from('WBBACKUP');
const END_MAGIC = Buffer.from('WBKEND01');
const VERSION = 1;
const FLAG_ENCRYPTED = 1;
const TAG_BYTES = 16;
const SHA_BYTES = 32;

/** The file cannot be used: the message says why in plain words. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

export type BackupEntry = { type: 'folder'; path: string } | { type: 'file'; path: string; size: number; open: () => Promise<Readable> };

/** Hashes every byte that passes. */
function hashing(hash: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

function entryHeader(type: number, p: string, size?: number): Buffer {
  const name = Buffer.from(p, 'utf8');
  if (name.length > 65_535) throw new Error(`path too long: ${p}`);
  const head = Buffer.alloc(3);
  head.writeUInt8(type, 0);
  head.writeUInt16BE(name.length, 1);
  const parts = [head, name];
  if (size !== undefined) {
    const s = Buffer.alloc(8);
    s.writeBigUInt64BE(BigInt(size));
    parts.push(s);
  }
  return Buffer.concat(parts);
}

/** A file's bytes, exactly `size` of them: a file that shrank meanwhile is padded with zeros (WAL replay repairs it), one that grew is cut. */
async function* exactly(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let left = size;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (left === 0) break;
    const piece = chunk.length > left ? chunk.subarray(0, left) : chunk;
    left -= piece.length;
    yield piece;
  }
  stream.destroy();
  while (left > 0) {
    const n = Math.min(left, 1 << 16);
    left -= n;
    yield Buffer.alloc(n);
  }
}

async function* entryBytes(entries: AsyncIterable<BackupEntry>): AsyncGenerator<Buffer> {
  for await (const e of entries) {
    if (e.type === 'folder') {
      yield entryHeader(2, e.path);
      continue;
    }
    yield entryHeader(1, e.path, e.size);
    yield* exactly(await e.open(), e.size);
  }
  yield entryHeader(0, '');
}

export interface WriteOptions {
  /** 32-byte key: the body is encrypted with AES-256-GCM. */
  key?: Buffer;
  /** Called after every chunk written, with the bytes so far (tests kill a backup half-way with it). */
  onProgress?: (bytes: number) => void;
}

/** Fsync a file or folder (folders cannot be opened for fsync on Windows: skipped there). */
async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, 'r').catch(() => undefined);
  if (!fh) return;
  try {
    await fh.sync();
  } catch {
    // a folder on Windows, or a share that does not support it
  } finally {
    await fh.close();
  }
}

export function partialName(finalPath: string): string {
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.partial`);
}

/** Writes the entries to `finalPath` atomically. Returns the file's size in bytes. */
export async function writeBackupFile(finalPath: string, entries: AsyncIterable<BackupEntry>, opts: WriteOptions = {}): Promise<number> {
  await mkdir(path.dirname(finalPath), { recursive: true });
  const temp = partialName(finalPath);
  const sha = createHash('sha256');
  const iv = opts.key ? randomBytes(12) : undefined;
  const header = Buffer.concat([
    MAGIC,
    Buffer.from([VERSION, opts.key ? FLAG_ENCRYPTED : 0]),
    ...(opts.key ? [Buffer.from(keyId(opts.key), 'base64url'), iv!] : []),
  ]);
  const cipher = opts.key ? createCipheriv('aes-256-gcm', opts.key, iv!) : undefined;
  cipher?.setAAD(header);
  const out = createWriteStream(temp, { mode: 0o600 });
  let written = 0;
  const hashAndCount = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sha.update(chunk);
      written += chunk.length;
      opts.onProgress?.(written);
      done(null, chunk);
    },
  });
  try {
    const framed = async function* (source: AsyncIterable<Buffer>) {
      yield header;
      for await (const chunk of source) yield chunk;
      if (cipher) yield cipher.getAuthTag();
    };
    const body = Readable.from(entryBytes(entries));
    if (cipher) await pipeline(body, createGzip({ level: 1 }), cipher, framed, hashAndCount, out);
    else await pipeline(body, createGzip({ level: 1 }), framed, hashAndCount, out);
    const trailer = Buffer.concat([sha.digest(), END_MAGIC]);
    const fh = await open(temp, 'a');
    try {
      await fh.write(trailer);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, finalPath);
    await fsyncPath(path.dirname(finalPath));
    return (await stat(finalPath)).size;
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

export interface BackupFileInfo {
  encrypted: boolean;
  keyId?: string;
  size: number;
}

/** Checks the file is a whole, undamaged Weighbook backup (reads it once). Throws BackupFileError. */
export async function checkBackupFile(file: string): Promise<BackupFileInfo> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new BackupFileError(`${file} cannot be read: check the name and that the folder is reachable.`);
  }
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(28);
    await fh.read(head, 0, 28, 0);
    if (size < MAGIC.length + 2 + SHA_BYTES + END_MAGIC.length || !head.subarray(0, 8).equals(MAGIC)) {
      throw new BackupFileError(`${file} is not a Weighbook backup.`);
    }
    if (head[8] !== VERSION) throw new BackupFileError(`${file} was written by a newer Weighbook (format ${head[8]}): restore it with that version.`);
    const tail = Buffer.alloc(SHA_BYTES + END_MAGIC.length);
    await fh.read(tail, 0, tail.length, size - tail.length);
    if (!tail.subarray(SHA_BYTES).equals(END_MAGIC)) {
      throw new BackupFileError(`${file} is incomplete: it was cut short (a backup stopped half-way, or a copy that did not finish). Use another backup.`);
    }
    const sha = createHash('sha256');
    await pipeline(createReadStream(file, { start: 0, end: size - tail.length - 1 }), hashing(sha), new PassThrough().resume());
    if (!sha.digest().equals(tail.subarray(0, SHA_BYTES))) {
      throw new BackupFileError(`${file} is damaged: its checksum does not match its contents. Use another backup.`);
    }
    const encrypted = (head[9]! & FLAG_ENCRYPTED) !== 0;
    return { encrypted, keyId: encrypted ? head.subarray(10, 16).toString('base64url') : undefined, size };
  } finally {
    await fh.close();
  }
}

/** Reads exact byte counts from a stream of chunks. */
class ChunkReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer>) {}
  private async fill(n: number): Promise<void> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    }
    if (this.buf.length < n) throw new BackupFileError('The backup ends in the middle of its contents: it is incomplete or damaged.');
  }
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
  /** Up to `max` bytes (at least 1). */
  async some(max: number): Promise<Buffer> {
    await this.fill(1);
    const n = Math.min(max, this.buf.length);
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
}

export interface ReadOptions {
  key?: Buffer;
  /** Where the entries go: called for each, `write` for a file's bytes. */
  onFolder: (p: string) => Promise<void>;
  onFile: (p: string, size: number) => Promise<Writable>;
}

/** Checks the file, then streams its entries out. Throws BackupFileError for anything wrong with the file. */
export async function readBackupFile(file: string, opts: ReadOptions): Promise<BackupFileInfo> {
  const info = await checkBackupFile(file);
  const headerLen = 10 + (info.encrypted ? 18 : 0);
  const trailerLen = (info.encrypted ? TAG_BYTES : 0) + SHA_BYTES + END_MAGIC.length;
  const header = Buffer.alloc(headerLen);
  const fh = await open(file, 'r');
  let tag: Buffer | undefined;
  try {
    await fh.read(header, 0, headerLen, 0);
    if (info.encrypted) {
      tag = Buffer.alloc(TAG_BYTES);
      await fh.read(tag, 0, TAG_BYTES, info.size - trailerLen);
    }
  } finally {
    await fh.close();
  }
  const stages: NodeJS.ReadWriteStream[] = [];
  if (info.encrypted) {
    if (!opts.key) throw new BackupFileError('This backup is encrypted: set WEIGHBOOK_BACKUP_KEY to the key it was made with.');
    if (keyId(opts.key) !== info.keyId) {
      throw new BackupFileError('This backup was encrypted with another key: set WEIGHBOOK_BACKUP_KEY to the key it was made with.');
    }
    const decipher = createDecipheriv('aes-256-gcm', opts.key, header.subarray(16, 28));
    decipher.setAAD(header);
    decipher.setAuthTag(tag!);
    stages.push(decipher);
  }
  stages.push(createGunzip());
  let stream: NodeJS.ReadableStream = createReadStream(file, { start: headerLen, end: info.size - trailerLen - 1 });
  for (const s of stages) {
    const prev = stream;
    stream = prev.pipe(s);
    prev.on('error', (e) => (s as unknown as Transform).destroy(e));
  }
  const reader = new ChunkReader((stream as unknown as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
  try {
    for (;;) {
      const head = await reader.read(3);
      const type = head.readUInt8(0);
      if (type === 0) break;
      const p = (await reader.read(head.readUInt16BE(1))).toString('utf8');
      if (p.split(/[\\/]/).includes('..') || path.isAbsolute(p))
        throw new BackupFileError(`The backup holds an unsafe path (${p}): it was not made by Weighbook.`);
      if (type === 2) {
        await opts.onFolder(p);
        continue;
      }
      if (type !== 1) throw new BackupFileError('The backup is damaged: an unknown entry type.');
      let left = Number((await reader.read(8)).readBigUInt64BE());
      const out = await opts.onFile(p, left);
      while (left > 0) {
        const piece = await reader.some(Math.min(left, 1 << 20));
        left -= piece.length;
        if (!out.write(piece)) await new Promise((r) => out.once('drain', r));
      }
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    }
    // Drain the rest, so the GCM tag is checked.
    for (;;) {
      try {
        await reader.some(1 << 20);
      } catch {
        break;
      }
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    const message = (error as Error).message ?? '';
    if (/auth|unable to authenticate/i.test(message)) {
      throw new BackupFileError('This backup could not be decrypted: the key is wrong or the file was altered.');
    }
    if (/incorrect header|invalid|unexpected end|zlib|Z_/i.test(message)) throw new BackupFileError(`The backup is damaged (${message}). Use another backup.`);
    throw error;
  }
  return info;
}
