import { fileURLToPath } from 'node:url';

/** Absolute paths the tests use, independent of the working directory. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixtureContent = fileURLToPath(new URL('../fixtures/content', import.meta.url));
export const realContent = fileURLToPath(new URL('../../content', import.meta.url));

/** A deck of a team's own (three questions), to load beside the sample deck or alone. */
export const gitBasicsDeck = fileURLToPath(new URL('../fixtures/decks/git-basics', import.meta.url));
