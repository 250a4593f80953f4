import { describe, expect, it } from 'vitest';
import { answerIssues, forLearner, quizIssues, scoreAttempt, withIds, type QuizQuestion } from './quiz.ts';

const quiz: QuizQuestion[] = [
  { id: 'q1', prompt: 'Single', kind: 'single', options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: false }] },
  { id: 'q2', prompt: 'Multiple', kind: 'multiple', options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: true }, { id: 'c', text: 'C', correct: false }] },
  { id: 'q3', prompt: 'Single', kind: 'single', options: [{ id: 'x', text: 'X', correct: false }, { id: 'y', text: 'Y', correct: true }] },
  { id: 'q4', prompt: 'Single', kind: 'single', options: [{ id: 'x', text: 'X', correct: false }, { id: 'y', text: 'Y', correct: true }] },
];

describe('quiz validation', () => {
  it('accepts a well-formed quiz', () => {
    expect(quizIssues(quiz)).toEqual([]);
  });
  it('rejects a question without a correct answer, naming it', () => {
    const bad = [quiz[0]!, { ...quiz[1]!, options: quiz[1]!.options.map((o) => ({ ...o, correct: false })) }];
    expect(quizIssues(bad)).toEqual([{ path: 'questions.1.options', message: 'mark at least one option as correct' }]);
  });
  it('rejects two correct options in a single-choice question and all-correct questions', () => {
    const two = { ...quiz[0]!, options: quiz[0]!.options.map((o) => ({ ...o, correct: true })) };
    expect(quizIssues([two])[0]!.message).toMatch(/exactly one/);
    const all = { ...quiz[1]!, options: quiz[1]!.options.map((o) => ({ ...o, correct: true })) };
    expect(quizIssues([all])[0]!.message).toMatch(/wrong/);
  });
  it('rejects duplicate ids', () => {
    expect(quizIssues([quiz[0]!, quiz[0]!]).map((i) => i.path)).toEqual(['questions.1.id']);
  });
  it('assigns ids where the author gave none', () => {
    const [q] = withIds([{ prompt: 'P', kind: 'single', options: [{ text: 'a', correct: true }, { id: 'keep', text: 'b', correct: false }] }]);
    expect(q!.id).toMatch(/^[0-9a-f]{8}$/);
    expect(q!.options[1]!.id).toBe('keep');
  });
});

describe('quiz scoring', () => {
  it('scores all-or-nothing per question and applies the pass mark', () => {
    const r = scoreAttempt(quiz, { q1: ['a'], q2: ['a', 'b'], q3: ['y'], q4: ['x'] }, 75);
    expect(r.score).toBe(75);
    expect(r.passed).toBe(true);
    expect(r.questions.map((q) => q.correct)).toEqual([true, true, true, false]);
    expect(scoreAttempt(quiz, { q1: ['a'], q2: ['a', 'b'], q3: ['y'], q4: ['x'] }, 80).passed).toBe(false);
  });
  it('gives nothing for a partly right or over-complete multiple choice answer', () => {
    expect(scoreAttempt(quiz, { q2: ['a'] }, 50).questions[1]!.correct).toBe(false);
    expect(scoreAttempt(quiz, { q2: ['a', 'b', 'c'] }, 50).questions[1]!.correct).toBe(false);
  });
  it('counts unanswered questions as wrong', () => {
    expect(scoreAttempt(quiz, {}, 50)).toMatchObject({ score: 0, passed: false });
  });
  it('reports unknown questions, unknown options and double picks in single choice', () => {
    expect(answerIssues(quiz, { zz: ['a'], q1: ['nope'], q3: ['x', 'y'] }).map((i) => i.message)).toEqual(['unknown question', 'unknown option', 'choose one option']);
  });
  it('hides the correct answers from learners', () => {
    expect(JSON.stringify(forLearner(quiz))).not.toContain('correct');
  });
});
