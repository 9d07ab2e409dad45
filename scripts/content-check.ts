/**
 * `npm run content:check`: validates every deck under CONTENT_DIR (default content/) and prints
 * `<N> terms, <M> questions` per deck; exits 1 with one line per problem when anything is wrong.
 */
import { ConfigError, parseConfig } from '../src/config.js';
import { ContentError, loadDecks } from '../src/core/content/content.loader.js';

try {
  const config = parseConfig(process.env);
  const decks = await loadDecks(config.contentDir);
  for (const deck of decks) {
    console.log(`${deck.meta.id}: ${deck.terms.length} terms, ${deck.questions.length} questions`);
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof ContentError) {
    console.error(error.message);
    console.error(`${error.problems.length} problem(s) found.`);
    process.exit(1);
  }
  throw error;
}
