// The synthetic responses live in src/services/synthetic.ts (the demo uses them too).
export { fillRound, seeded, syntheticAnswers } from '../../src/services/synthetic';
