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

describe('first runs of unseen query texts go one at a time, shortest first', () => {
  it('requests arriving together: the shortest unseen text goes first, then the next shortest; same-text waiters go once it is planned', async () => {
    const runs = firstRunsOneAtATime(0);
    const { tx, started, settle } = fakeTx();
    const big1 = runs.wrap(tx).run('BIGGEST');
    const big2 = runs.wrap(tx).run('BIGGEST');
    const mid = runs.wrap(tx).run('MIDDLE');
    const small = runs.wrap(tx).run('SMALL');
    await tick();
    expect(started).toEqual(['SMALL']);
    settle('SMALL', 'ok');
    expect(await small).toBe('answer to SMALL');
    await tick();
    expect(started).toEqual(['SMALL', 'MIDDLE']);
    // An unseen text arriving meanwhile waits too, and is shorter than BIGGEST.
    const tiny = runs.wrap(tx).run('TINY');
    settle('MIDDLE', 'ok');
    await mid;
    await tick();
    expect(started).toEqual(['SMALL', 'MIDDLE', 'TINY']);
    settle('TINY', 'ok');
    await tiny;
    await tick();
    expect(started).toEqual(['SMALL', 'MIDDLE', 'TINY', 'BIGGEST']);
    settle('BIGGEST', 'ok');
    expect(await big1).toBe('answer to BIGGEST');
    await tick();
    // BIGGEST is planned: its other waiter goes without a turn.
    expect(started).toEqual(['SMALL', 'MIDDLE', 'TINY', 'BIGGEST', 'BIGGEST']);
    settle('BIGGEST', 'ok');
    expect(await big2).toBe('answer to BIGGEST');
    // Planned now: concurrent runs no longer wait for each other.
    const c1 = runs.wrap(tx).run('BIGGEST');
    const c2 = runs.wrap(tx).run('MIDDLE');
    expect(started.slice(5)).toEqual(['BIGGEST', 'MIDDLE']);
    settle('BIGGEST', 'ok');
    settle('MIDDLE', 'ok');
    await Promise.all([c1, c2]);
  });

  it('a turn that finds the gate idle waits for the gathering window', async () => {
    const runs = firstRunsOneAtATime(50);
    const { tx, started, settle } = fakeTx();
    const big = runs.wrap(tx).run('BIGGEST');
    await new Promise((r) => setTimeout(r, 20));
    const small = runs.wrap(tx).run('SMALL');
    expect(started).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(started).toEqual(['SMALL']);
    settle('SMALL', 'ok');
    await small;
    await tick();
    expect(started).toEqual(['SMALL', 'BIGGEST']);
    settle('BIGGEST', 'ok');
    await big;
  });

  it('when the first run fails, a waiting request becomes the first; reset() makes every text new again', async () => {
    const runs = firstRunsOneAtATime(0);
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
