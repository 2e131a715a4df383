import { describe, expect, it } from 'vitest';
import { parseEvaluators } from './parse-evaluators.js';

describe('parseEvaluators', () => {
  it('reads score and label rules, optionally per model', () => {
    expect(
      parseEvaluators([
        { name: 'relevance', passAtLeast: 4 },
        { name: 'toxicity', model: 'gpt-x', passAtMost: 0.2 },
        { name: 'grounded', passLabels: ['grounded'], failLabels: ['ungrounded'] },
      ]),
    ).toEqual({
      evaluators: [
        { name: 'relevance', passAtLeast: 4 },
        { name: 'toxicity', model: 'gpt-x', passAtMost: 0.2 },
        { name: 'grounded', passLabels: ['grounded'], failLabels: ['ungrounded'] },
      ],
      problems: [],
    });
  });

  it('names every problem by its path', () => {
    const { evaluators, problems } = parseEvaluators([
      { name: 'a', passAtLeast: '4' },
      { name: 'b', passAtLeast: 1, passLabels: ['ok'] },
      { name: 'c' },
      { name: 'd', passAtLeast: 3, passAtMost: 2 },
      { name: 'e', passAtLeast: 1 },
      { name: 'e', passAtLeast: 2 },
      { name: 'f', failLabels: [], colour: 'red' },
      'g',
    ]);
    expect(evaluators).toEqual([]);
    expect(problems).toEqual([
      'evaluators[0].passAtLeast: must be a number, got "4"',
      'evaluators[1]: judges by score or by labels, not both',
      'evaluators[2]: names no pass rule (passAtLeast, passAtMost, passLabels, failLabels)',
      'evaluators[3]: passAtLeast 3 is above passAtMost 2',
      "evaluators[5]: a second rule for evaluator 'e'",
      'evaluators[6].colour: unknown key (known: name, model, passAtLeast, passAtMost, passLabels, failLabels)',
      'evaluators[6].failLabels: must be a list of labels, got []',
      'evaluators[7]: must be a map',
    ]);
  });
});
