import { readFile } from 'node:fs/promises';
import { LineCounter, type Node, parseDocument } from 'yaml';

/** One thing wrong with a content file, located as precisely as the format allows. */
export interface ContentProblem {
  file: string;
  line?: number;
  /** The id (or position) of the entry at fault, e.g. `question "scp-1"`. */
  entry?: string;
  message: string;
}

export const formatProblem = (p: ContentProblem): string =>
  `${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.entry === undefined ? '' : `${p.entry}: `}${p.message}`;

/** A parsed YAML file that can say on which line any path of it sits. */
export interface YamlSource {
  file: string;
  value: unknown;
  /** Line (1-based) of the node at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export async function readYamlSource(
  file: string,
  displayName: string,
): Promise<{ source?: YamlSource; problems: ContentProblem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return {
      problems: [{ file: displayName, message: `cannot read the file (${(error as Error).message})` }],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file: displayName,
        line: e.linePos?.[0]?.line,
        message: `not valid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined;
      const start = node?.range?.[0];
      if (start !== undefined) return lineCounter.linePos(start).line;
    }
    return undefined;
  };
  return { source: { file: displayName, value: doc.toJS(), lineOf }, problems: [] };
}
