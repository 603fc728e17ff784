import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A seed file the write API may touch: where it is, and how messages and diffs name it. */
export interface SeedFilePath {
  /** Absolute path. */
  abs: string;
  /** Relative to the display root, with forward slashes: seed/data/uk.yaml. */
  shown: string;
}

export class SeedPathError extends Error {
  override name = 'SeedPathError';
}

const EDITABLE = /\.(ya?ml|csv)$/i;
const NEW_FILE = /\.ya?ml$/i;

/**
 * Resolves a path a client gave (relative to the project: seed/data/uk.yaml) to a file the write
 * API may edit, or throws SeedPathError saying why not: no `..`, no absolute path, only
 * .yaml/.yml/.csv under seed/data/, and no symlink (of the file or any folder) leading out of
 * seed/ — checked on the real paths, so a link planted inside seed/data/ cannot escape.
 */
export function resolveSeedFile(seedDir: string, displayRoot: string, given: string, { creating = false } = {}): SeedFilePath {
  if (given.length === 0 || given.length > 300) throw new SeedPathError('give a path of 1 to 300 characters');
  if (/[\u0000-\u001f\\]/.test(given)) throw new SeedPathError('the path holds a control character or a backslash');
  if (isAbsolute(given) || /^[a-zA-Z]:/.test(given)) throw new SeedPathError('give the path relative to the project (seed/data/…), not an absolute one');
  if (given.split('/').some((part) => part === '..')) throw new SeedPathError('the path may not contain ".."');
  const dataDir = resolve(seedDir, 'data');
  const abs = resolve(displayRoot, given);
  if (!abs.startsWith(dataDir + sep)) throw new SeedPathError(`seed files are written under ${shownPath(displayRoot, dataDir)}/ only`);
  if (!(creating ? NEW_FILE : EDITABLE).test(abs))
    throw new SeedPathError(creating ? 'a new seed file ends in .yaml or .yml' : 'only .yaml, .yml and .csv seed files can be edited');
  checkRealPath(seedDir, abs);
  return { abs, shown: shownPath(displayRoot, abs) };
}

/** Every existing part of `abs` (the file, or its nearest existing folder) must really be inside seed/. */
export function checkRealPath(seedDir: string, abs: string): void {
  const realSeed = realpathSync(seedDir);
  let probe = abs;
  while (!existsSync(probe) && dirname(probe) !== probe) {
    // A dangling symlink exists as a link even though existsSync says no.
    if (isLink(probe)) throw new SeedPathError('the path is a symbolic link that leads nowhere');
    probe = dirname(probe);
  }
  const real = realpathSync(probe);
  if (real !== realSeed && !real.startsWith(realSeed + sep)) throw new SeedPathError('the path leads out of the seed folder (through a symbolic link)');
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** seed/data/uk.yaml: relative to the display root, with forward slashes. */
export function shownPath(displayRoot: string, abs: string): string {
  return relative(displayRoot, abs).split(sep).join('/');
}

export function absoluteFromShown(displayRoot: string, shown: string): string {
  return join(displayRoot, ...shown.split('/'));
}
