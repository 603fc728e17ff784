/**
 * Launcher.java compiled once into a jar in the cache. Running it as a single-file source program
 * made every start load javac and compile it against 212 jars (1–3 s of CPU), and the class-data
 * archive can only hold classes that come from jars.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalNeo4jError } from './local-neo4j-error.ts';

const source = join(dirname(fileURLToPath(import.meta.url)), 'Launcher.java');

/** Returns the jar for the current Launcher.java and JDK, compiling it when there is none. */
export function compiledLauncher(o: { cacheDir: string; classpath: string; jdkBin: string; javaIdentity: string; log: (line: string) => void }): string {
  const hash = createHash('sha256').update(readFileSync(source)).update(o.javaIdentity).digest('hex').slice(0, 16);
  const jar = join(o.cacheDir, `launcher-${hash}.jar`);
  if (existsSync(jar)) return jar;

  o.log('neo4j: compiling the launcher (once per Launcher.java and JDK)…');
  mkdirSync(o.cacheDir, { recursive: true });
  const work = mkdtempSync(join(o.cacheDir, 'launcher-build-'));
  try {
    run(tool(o.jdkBin, 'javac'), ['-nowarn', '-encoding', 'UTF-8', '-d', join(work, 'classes'), '-cp', o.classpath, source]);
    run(tool(o.jdkBin, 'jar'), ['--create', '--file', join(work, 'launcher.jar'), '-C', join(work, 'classes'), '.']);
    // Atomic: a concurrent start sees either no jar or a whole one.
    renameSync(join(work, 'launcher.jar'), jar);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return jar;
}

/** The JDK's own javac/jar beside the `java` that runs Neo4j, else the one on PATH. */
function tool(jdkBin: string, name: string): string {
  const beside = join(jdkBin, name);
  return existsSync(beside) ? beside : name;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error)
    throw new LocalNeo4jError(`'${cmd}' could not run (${r.error.message}): install a full JDK 17+ (Debian: apt-get install -y openjdk-17-jdk-headless)`);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new LocalNeo4jError(`compiling neo4j/Launcher.java failed (${cmd} exit ${r.status}):\n${out}`);
  }
}
