/**
 * readiness:eval on a SYNTHETIC review log (documented as such in docs/readiness.md): learners whose real
 * memory follows a forgetting curve, reviewed at FSRS's own intervals. The model must beat the constant
 * baseline on log loss; the scores must behave as their definitions say.
 */
import { describe, expect, it } from 'vitest';
import { formatResult, reviewsFromCsv } from '../../../../scripts/readiness-eval.js';
import { retrievability } from '../../../../src/core/readiness/memory.model.js';
import { evaluateReviews, scorePredictions } from '../../../../src/core/readiness/readiness.eval.js';

/** A small deterministic PRNG (mulberry32), so the synthetic log is the same on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 86_400_000;

/** 300 cards reviewed at widely spread intervals; true stability grows after each success, shrinks after a lapse. */
function syntheticLog() {
  const random = rng(42);
  const reviews: { card: string; at: Date; rating: number }[] = [];
  for (let c = 0; c < 300; c++) {
    let stability = 0.5 + random() * 3; // days
    let t = Date.UTC(2026, 0, 1) + c * 3_600_000;
    let last = t;
    reviews.push({ card: `c${c}`, at: new Date(t), rating: 3 });
    for (let i = 0; i < 8; i++) {
      t += Math.exp(4 * random() - 2) * stability * DAY; // from S/7 to 7·S: recall from ~0.97 to ~0.75
      const remembered = random() < retrievability(stability, new Date(last), new Date(t));
      reviews.push({ card: `c${c}`, at: new Date(t), rating: remembered ? 3 : 1 });
      stability = remembered ? stability * (2 + random()) : Math.max(0.3, stability * 0.4);
      last = t;
    }
  }
  return reviews;
}

describe('readiness:eval', () => {
  it('beats the constant-average baseline on log loss on a synthetic log, and ranks outcomes above chance', () => {
    const result = evaluateReviews(syntheticLog());
    expect(result.predicted).toBe(300 * 8);
    expect(result.cards).toBe(300);
    expect(result.model.logLoss).toBeLessThan(result.baseline.logLoss);
    expect(result.model.auc).toBeGreaterThan(0.55);
    expect(result.baseline.auc).toBe(0.5);
    expect(formatResult('synthetic', result)).toContain('FSRS beats the baseline on log loss.');
  });

  it('scores by the definitions: perfect predictions, chance, and calibration bins', () => {
    const perfect = scorePredictions([0.999999, 0.000001], [1, 0]);
    expect(perfect.logLoss).toBeLessThan(1e-5);
    expect(perfect.auc).toBe(1);
    const coin = scorePredictions([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]);
    expect(coin.logLoss).toBeCloseTo(Math.log(2), 10);
    expect(coin.rmseBins).toBe(0);
    expect(coin.auc).toBe(0.5);
    // All predictions 0.9 while half are remembered: one bin, off by 0.4.
    expect(scorePredictions([0.9, 0.9], [1, 0]).rmseBins).toBeCloseTo(0.4, 10);
  });

  it('reads Anki revlog and srs-benchmark CSV layouts, and names the columns it needs otherwise', () => {
    const anki = reviewsFromCsv(
      'id,cid,usn,ease,ivl\n1700000000000,5,0,3,1\n1700086400000,5,0,0,1\n1700172800000,5,0,1,2\n',
    );
    expect(anki).toEqual([
      { card: '5', at: new Date(1700000000000), rating: 3 },
      { card: '5', at: new Date(1700172800000), rating: 1 },
    ]);
    const bench = reviewsFromCsv('card_id,day_offset,rating,state\n1,0,3,0\n1,4,2,2\n');
    expect(bench.map((r) => r.at.getTime())).toEqual([0, 4 * DAY]);
    expect(() => reviewsFromCsv('a,b\n1,2\n')).toThrow(
      'expected columns id,cid,ease (Anki revlog) or card_id,day_offset,rating',
    );
  });
});
