import { beforeAll, describe, expect, it } from 'vitest';
import { parseAction } from '../../../../src/core/actions.js';
import { type Catalog, loadCatalog } from '../../../../src/core/content/catalog.js';
import { explainById, explainCommand } from '../../../../src/core/explain/explain.command.js';
import { createGlossary, type Glossary } from '../../../../src/core/explain/glossary.js';
import { fixtureContent } from '../../../support/paths.js';

let catalog: Catalog;
let glossary: Glossary;
beforeAll(async () => {
  catalog = await loadCatalog(fixtureContent);
  glossary = createGlossary(catalog);
});

const found = (query: string) => {
  const r = glossary.terms.lookup(query);
  return r.kind === 'found' ? r.ref.term.id : r.kind;
};

describe('term lookup', () => {
  it('matches ids, names and aliases', () => {
    expect(found('scp')).toBe('scp');
    expect(found('Service control policy (SCP)')).toBe('scp');
    expect(found('service control policies')).toBe('scp');
    expect(found('sg')).toBe('security-group');
  });

  it('ignores case, spacing, hyphens, punctuation and plurals', () => {
    expect(found('  SCPs ')).toBe('scp');
    expect(found('Security-Groups')).toBe('security-group');
    expect(found('IAM   POLICIES')).toBe('iam-policy');
    expect(found('AMAZON GUARDDUTY')).toBe('guardduty');
    expect(found('organisations')).toBe('organization');
    expect(found('AWS Organisations')).toBe('organization');
  });

  it('suggests close terms for typos', () => {
    const r = glossary.terms.lookup('scpp');
    expect(r.kind).toBe('suggestions');
    expect(r.kind === 'suggestions' && r.suggestions[0]?.term.id).toBe('scp');
    const g = glossary.terms.lookup('guarduty');
    expect(g.kind === 'suggestions' && g.suggestions.map((s) => s.term.id)).toContain('guardduty');
  });

  it('gives nothing for text far from every term', () => {
    expect(glossary.terms.lookup('zzzzqqqqxxxx').kind).toBe('unknown');
    expect(glossary.terms.lookup('!!!').kind).toBe('unknown');
  });

  it('completes prefixes for autocomplete, best first', () => {
    expect(glossary.terms.complete('sec').map((r) => r.term.id)[0]).toBe('security-group');
    expect(glossary.terms.complete('', 3)).toHaveLength(3);
  });
});

describe('/explain', () => {
  it('shows the summary, details, related terms and source', () => {
    const reply = explainCommand('scp', glossary);
    expect(reply.kind).toBe('explain');
    expect(reply.visibility).toBe('only-user');
    expect(reply.title).toBe('Service control policy (SCP)');
    expect(reply.lines).toEqual([
      'Sets the maximum permissions for accounts in an organization.',
      'It never grants permissions by itself.',
    ]);
    expect(reply.fields).toContainEqual({ label: 'Related', value: 'IAM policy (/explain iam-policy)' });
    expect(reply.footer).toBe('From the notes: Basics');
  });

  it('explains usage for an empty argument', () => {
    expect(explainCommand('   ', glossary).lines[0]).toMatch(/^Usage: \/explain <term>/);
  });

  it('refuses an argument over 200 characters without echoing it', () => {
    const reply = explainCommand('x'.repeat(5000), glossary);
    expect(reply.kind).toBe('error');
    expect(reply.lines[0]).toMatch(/^That is 5000 characters; a term is at most 200\./);
    expect(reply.lines.join('')).not.toContain('xxxxxxxxxx');
  });

  it('offers suggestions as buttons that explain the term', () => {
    const reply = explainCommand('scpp', glossary);
    expect(reply.lines[0]).toBe('I don\'t know "scpp". Did you mean: Service control policy (SCP)?');
    expect(reply.buttons?.[0]).toEqual({ actionId: 'explain:scp', label: 'Service control policy (SCP)' });
    expect(parseAction('explain:scp')).toEqual({ kind: 'explain', termId: 'scp' });
    expect(explainById('scp', catalog)?.title).toBe('Service control policy (SCP)');
    expect(explainById('no-such-term', catalog)).toBeUndefined();
    expect(parseAction('explain:<!channel>')).toBeUndefined();
  });

  it('quotes unknown terms shortened to one line', () => {
    const reply = explainCommand(`@everyone ${'word '.repeat(30)}`, glossary);
    expect(reply.kind).toBe('error');
    expect(reply.lines[0]?.length).toBeLessThan(200);
    expect(reply.lines[0]).toContain('…');
  });
});
