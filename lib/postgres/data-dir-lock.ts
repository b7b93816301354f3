// One Weighbook launcher per data folder. A second `npm start` on the same folder must not touch the
// first one's database (the embedded PostgreSQL clean-up stops a postgres left by a *dead* launcher);
// it stops with a clear message instead. A lock left by a killed launcher is taken over.
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

function isLiveLauncher(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // The pid may have been reused by something else since: only a launcher counts.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start.ts');
  } catch {
    return true; // no /proc: assume it is ours, and refuse rather than risk the data
  }
}

export class DataDirInUseError extends Error {}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'launcher.pid');
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    // no lock
  }
  if (holder && holder !== process.pid && isLiveLauncher(holder)) {
    throw new DataDirInUseError(
      `Weighbook is already running from ${dataDir} (process ${holder}). Stop it first, or give this one its own WEIGHBOOK_DATA_DIR.`,
    );
  }
  await writeFile(file, `${process.pid}\n`);
  return () => rm(file, { force: true });
}
