import { describe, expect, it } from 'vitest';
import { Neo4jConfigError, neo4jTargetFromEnv } from '../../server/db/neo4j-config.ts';
import { toLuceneQuery } from '../../server/graphql/search-query.ts';

describe('which Neo4j', () => {
  it('starts the local one without NEO4J_URI', () => {
    expect(neo4jTargetFromEnv({})).toEqual({ kind: 'local' });
    expect(neo4jTargetFromEnv({ NEO4J_URI: '  ' })).toEqual({ kind: 'local' });
  });

  it('uses NEO4J_URI with its credentials and database (Aura, clusters)', () => {
    expect(neo4jTargetFromEnv({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USERNAME: 'u', NEO4J_PASSWORD: 'p', NEO4J_DATABASE: 'graph' })).toEqual({
      kind: 'external',
      uri: 'neo4j+s://abc.databases.neo4j.io',
      username: 'u',
      password: 'p',
      database: 'graph',
    });
    expect(neo4jTargetFromEnv({ NEO4J_URI: 'neo4j://core1:7687' })).toMatchObject({ kind: 'external', username: 'neo4j', database: undefined });
  });

  it('refuses a URI that is not Bolt', () => {
    expect(() => neo4jTargetFromEnv({ NEO4J_URI: 'http://localhost:7474' })).toThrow(Neo4jConfigError);
  });
});

describe('search text → Lucene query', () => {
  it('matches each word exactly, as a prefix, and with typos', () => {
    expect(toLuceneQuery('Bytedanse')).toBe('(bytedanse^4 OR bytedanse*^2 OR bytedanse~2)');
    expect(toLuceneQuery('hua')).toBe('(hua^4 OR hua*^2)');
    expect(toLuceneQuery('clean net')).toBe('(clean^4 OR clean*^2 OR clean~1) AND (net^4 OR net*^2)');
  });

  it('escapes everything Lucene would read as syntax', () => {
    expect(toLuceneQuery('a:b OR "c" (d)* ~e^2 \\ /f/')).toBe(
      '(a^4 OR a*^2) AND (b^4 OR b*^2) AND (or^4 OR or*^2) AND (c^4 OR c*^2) AND (d^4 OR d*^2) AND (e2^4 OR e2*^2) AND (f^4 OR f*^2)',
    );
    expect(toLuceneQuery('*** ???')).toBe('');
  });
});
