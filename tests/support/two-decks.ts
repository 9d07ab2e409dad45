import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixtureContent, gitBasicsDeck } from './paths.js';

/** A content folder holding the sample deck and git-basics (or only git-basics): a team's own deck beside ours. */
export async function twoDeckContent(options: { withSample?: boolean } = {}): Promise<{
  dir: string;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'studybot-decks-'));
  if (options.withSample !== false) await cp(fixtureContent, dir, { recursive: true });
  await cp(gitBasicsDeck, path.join(dir, 'git-basics'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
