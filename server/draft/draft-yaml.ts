import type { Ontology } from '../ingest/ontology.ts';
import type { DraftEntity, DraftMention, DraftRelation, DraftSentence } from './draft-model.ts';

/** A YAML scalar that needs no thought: JSON's double-quoted strings are YAML's too. */
const q = (s: string) => JSON.stringify(s);

/** One comment line: no line breaks, not endless. */
function comment(text: string, max = 300): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A relation's seed confidence from the draft's: high is the default and left out. */
export function seedConfidence(c: number): 'high' | 'medium' | 'low' {
  return c >= 0.75 ? 'high' : c >= 0.5 ? 'medium' : 'low';
}

export interface DraftYamlInput {
  sentences: DraftSentence[];
  mentions: DraftMention[];
  entities: DraftEntity[];
  relations: DraftRelation[];
  warnings: string[];
  ontology: Ontology;
  /** What the draft was made from, for the header ("article.txt"). */
  source: string;
}

function evidenceLines(r: DraftRelation, indent: string): string[] {
  const lines: string[] = [];
  if (r.outlet) lines.push(`${indent}outlet: ${r.outlet}`);
  if (r.url) lines.push(`${indent}url: ${q(r.url)}`);
  if (r.date) lines.push(`${indent}date: ${r.date}`);
  lines.push(`${indent}quote: ${q(r.quote)}`);
  return lines;
}

/**
 * The draft as a seed file with `# review:` comments: each candidate preceded by the sentence it
 * came from and why it is proposed. New relations are items; relations the seed has already are
 * comments naming where they stand and the evidence to add there (an item would be a duplicate).
 */
export function draftYaml({ sentences, mentions, entities, relations, warnings, ontology, source }: DraftYamlInput): string {
  const out: string[] = [
    '# yaml-language-server: $schema=../schema/seed.schema.json',
    `# Draft seed facts from ${comment(source, 120)} (npm run seed:draft). Review every candidate below:`,
    '# keep, edit or delete it, then save what you keep under seed/data/ and run npm run seed:check.',
  ];
  for (const w of warnings) out.push(`# warning: ${comment(w)}`);
  if (entities.length > 0) {
    out.push('', 'entities:');
    for (const e of entities) {
      const first = mentions[e.mentions[0] ?? -1];
      const s = first ? sentences[first.sentence] : undefined;
      if (s) out.push(`  # review: ${q(comment(s.text))} (sentence ${s.index + 1})`);
      out.push(`  # review: new ${e.kind}, confidence ${e.confidence.toFixed(2)}: ${comment(e.reason)}`);
      out.push(`  - id: ${e.id}`, `    kind: ${e.kind}`, `    name: ${q(e.name)}`);
      const specs = ontology.kinds.get(e.kind)?.properties ?? {};
      for (const p of e.properties) if (specs[p.name]) out.push(`    ${p.name}: ${specs[p.name]!.type === 'number' ? p.value : q(p.value)}`);
      for (const [name, spec] of Object.entries(specs)) {
        if (spec.required && !e.properties.some((p) => p.name === name)) out.push(`    # review: ${name} is required for ${e.kind}: fill it in`);
      }
    }
  }
  const fresh = relations.filter((r) => !r.known);
  const known = relations.filter((r) => r.known);
  if (fresh.length > 0) {
    out.push('', 'relations:');
    for (const r of fresh) {
      out.push(...reviewLines(r, sentences));
      out.push(`  - from: ${r.from}`, `    type: ${r.type}`, `    to: ${r.to}`);
      const specs = ontology.relations.get(r.type)?.properties ?? {};
      for (const p of r.properties) if (specs[p.name]) out.push(`    ${p.name}: ${q(p.value)}`);
      const c = seedConfidence(r.confidence);
      if (c !== 'high') out.push(`    confidence: ${c}`);
      out.push('    evidence:', ...evidenceLines(r, '      '));
    }
  }
  if (known.length > 0) {
    out.push('', '# Relations the seed has already: add the evidence to each where it stands.');
    for (const r of known) {
      out.push(...reviewLines(r, sentences).map((l) => l.replace(/^ {2}/, '')));
      out.push(`# already known (${r.known!.seedFile}:${r.known!.seedLine}): ${r.from} ${r.type} ${r.to}; add to its evidence:`);
      out.push(`#   - { ${evidenceLines(r, '').join(', ')} }`);
    }
  }
  return `${out.join('\n')}\n`;
}

function reviewLines(r: DraftRelation, sentences: DraftSentence[]): string[] {
  const s = sentences[r.sentence];
  const why = [`cue '${r.cue}'`, `confidence ${r.confidence.toFixed(2)}`, ...r.notes];
  const lines = [`  # review: ${q(comment(s?.text ?? r.quote))} (sentence ${r.sentence + 1})`, `  # review: ${comment(why.join('; '))}`];
  lines.push(r.outlet ? `  # review: outlet ${r.outlet} (${comment(r.outletReason ?? '')})` : '  # review: no outlet named: give one (--outlet)');
  if (!r.date) lines.push('  # review: no date: give one (--date)');
  return lines;
}
