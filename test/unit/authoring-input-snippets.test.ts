import { describe, expect, it } from 'vitest';
import { EditInputError } from '../../server/authoring/edit-inputs.ts';
import { entitySnippet, evidenceSnippet, relationSnippet } from '../../server/authoring/input-snippets.ts';
import { blockSnippet } from '../../server/authoring/yaml-snippet.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';

const ontology = loadOntologyFile(`${SEED_DIR}/ontology.yaml`);
const block = (v: ReturnType<typeof entitySnippet>) => blockSnippet(v, 4, '\n').text;

describe('inputs become seed YAML as analysts write it', () => {
  it('typed properties: numbers as numbers, dates and text as text', () => {
    const cable = entitySnippet(
      { id: 'plcn', kind: 'Infrastructure', name: 'Pacific Light Cable Network', aliases: ['PLCN'], properties: [{ name: 'lengthKm', value: '12971' }] },
      ontology,
      'entity',
    );
    expect(block(cable)).toBe('id: plcn\n    kind: Infrastructure\n    name: Pacific Light Cable Network\n    aliases: [PLCN]\n    lengthKm: 12971');
    const notANumber = entitySnippet(
      { id: 'x', kind: 'Infrastructure', name: 'X', properties: [{ name: 'lengthKm', value: 'about 12k' }] },
      ontology,
      'entity',
    );
    expect(block(notANumber)).toContain('lengthKm: about 12k'); // left for the validator to refuse, at its field
    const iso = entitySnippet({ id: 'norway', kind: 'Country', name: 'Norway', properties: [{ name: 'iso2', value: 'NO' }] }, ontology, 'entity');
    expect(block(iso)).toContain('iso2: "NO"');
  });

  it('a relation is short form only with one bare source and nothing else', () => {
    expect(relationSnippet({ from: 'uk', type: 'EXCLUDES', to: 'huawei', evidence: [{ source: 'bbc-1' }] }, ontology, 'relation').item).toBe(
      'uk EXCLUDES huawei @bbc-1',
    );
    const full = relationSnippet(
      {
        from: 'huawei',
        type: 'OWNS',
        to: 'x',
        confidence: 'LOW',
        properties: [{ name: 'stake', value: '51%' }],
        evidence: [{ source: 'a' }, { source: 'b', quote: 'q' }],
      },
      ontology,
      'relation',
    ).item;
    expect(typeof full === 'string' ? full : blockSnippet(full, 4, '\n').text).toBe(
      'from: huawei\n    type: OWNS\n    to: x\n    stake: 51%\n    confidence: low\n    evidence:\n      - a\n      - source: b\n        quote: q',
    );
  });

  it('evidence needs a source or an outlet, not an outlet and a new outlet', () => {
    expect(() => evidenceSnippet({ quote: 'q', date: '2020' }, 'relation.evidence[0]')).toThrow(EditInputError);
    expect(() => evidenceSnippet({ outlet: 'bbc', newOutlet: { id: 'bbc', name: 'BBC' }, date: '2020' }, 'relation.evidence[0]')).toThrow(/not both/);
    const fresh = evidenceSnippet({ newOutlet: { id: 'bbc', name: 'BBC' }, url: 'https://bbc.co.uk/x', date: '2020' }, 'e');
    expect(fresh.newOutlet).toEqual({ id: 'bbc', name: 'BBC' });
  });
});
