import type { ManagedTransaction } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { firstRunsOneAtATime } from '../../server/db/first-runs.ts';

/** A transaction whose runs finish when the test says, recording when each started. */
function fakeTx() {
  const started: string[] = [];
  const finish = new Map<string, Array<(v: string) => void>>();
  const fail = new Map<string, Array<(e: Error) => void>>();
  const tx = {
    run: (text: string) => {
      started.push(text);
      return new Promise<string>((resolve, reject) => {
        finish.set(text, [...(finish.get(text) ?? []), resolve]);
        fail.set(text, [...(fail.get(text) ?? []), reject]);
      });
    },
  } as unknown as ManagedTransaction;
  const settle = (text: string, how: 'ok' | 'fail') => {
    if (how === 'ok') for (const f of finish.get(text)?.splice(0) ?? []) f(`answer to ${text}`);
    else for (const f of fail.get(text)?.splice(0) ?? []) f(new Error('gone'));
    fail.get(text)?.splice(0);
  };
  return { tx, started, settle };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('first runs of a query text go alone', () => {
  it('a second request with the same text waits for the first; other texts do not', async () => {
    const runs = firstRunsOneAtATime();
    const { tx, started, settle } = fakeTx();
    const a1 = runs.wrap(tx).run('BIG');
    const a2 = runs.wrap(tx).run('BIG');
    const b = runs.wrap(tx).run('SMALL');
    await tick();
    expect(started).toEqual(['BIG', 'SMALL']);
    settle('SMALL', 'ok');
    expect(await b).toBe('answer to SMALL');
    settle('BIG', 'ok');
    expect(await a1).toBe('answer to BIG');
    await tick();
    expect(started).toEqual(['BIG', 'SMALL', 'BIG']);
    settle('BIG', 'ok');
    expect(await a2).toBe('answer to BIG');
    // Planned now: concurrent runs no longer wait for each other.
    const c1 = runs.wrap(tx).run('BIG');
    const c2 = runs.wrap(tx).run('BIG');
    await tick();
    expect(started.filter((t) => t === 'BIG')).toHaveLength(4);
    settle('BIG', 'ok');
    await Promise.all([c1, c2]);
  });

  it('when the first run fails, a waiting request becomes the first; reset() makes every text new again', async () => {
    const runs = firstRunsOneAtATime();
    const { tx, started, settle } = fakeTx();
    const first = runs.wrap(tx).run('Q');
    const second = runs.wrap(tx).run('Q');
    await tick();
    settle('Q', 'fail');
    await expect(first).rejects.toThrow('gone');
    await tick();
    expect(started).toEqual(['Q', 'Q']);
    settle('Q', 'ok');
    await expect(second).resolves.toBe('answer to Q');
    runs.reset();
    const again1 = runs.wrap(tx).run('Q');
    const again2 = runs.wrap(tx).run('Q');
    await tick();
    expect(started).toEqual(['Q', 'Q', 'Q']);
    settle('Q', 'ok');
    await again1;
    await tick();
    settle('Q', 'ok');
    await again2;
  });
});
