/**
 * Quizzes: validation of a quiz as authored, and scoring of an attempt. Pure.
 * A question counts as answered correctly only when exactly its correct options are chosen
 * (multiple choice is all-or-nothing, so guessing every option does not pay).
 */
import { randomUUID } from 'node:crypto';

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
}
export interface QuizQuestion {
  id: string;
  prompt: string;
  kind: 'single' | 'multiple';
  options: QuizOption[];
}
export interface QuestionInput {
  id?: string;
  prompt: string;
  kind: 'single' | 'multiple';
  options: { id?: string; text: string; correct: boolean }[];
}
export interface Issue {
  path: string;
  message: string;
}

const shortId = () => randomUUID().slice(0, 8);

/** Gives every question and option an id (kept where the author set one). */
export function withIds(questions: readonly QuestionInput[]): QuizQuestion[] {
  return questions.map((q) => ({
    id: q.id ?? shortId(),
    prompt: q.prompt,
    kind: q.kind,
    options: q.options.map((o) => ({ id: o.id ?? shortId(), text: o.text, correct: o.correct })),
  }));
}

/** Problems of an authored quiz; paths are relative to the quiz (`questions.0.options`). */
export function quizIssues(questions: readonly QuizQuestion[]): Issue[] {
  const issues: Issue[] = [];
  const qIds = new Set<string>();
  questions.forEach((q, i) => {
    const at = `questions.${i}`;
    if (qIds.has(q.id)) issues.push({ path: `${at}.id`, message: 'question ids must be unique' });
    qIds.add(q.id);
    if (new Set(q.options.map((o) => o.id)).size !== q.options.length) issues.push({ path: `${at}.options`, message: 'option ids must be unique within a question' });
    const correct = q.options.filter((o) => o.correct).length;
    if (correct === 0) issues.push({ path: `${at}.options`, message: 'mark at least one option as correct' });
    else if (q.kind === 'single' && correct > 1) issues.push({ path: `${at}.options`, message: 'a single-choice question has exactly one correct option' });
    else if (correct === q.options.length) issues.push({ path: `${at}.options`, message: 'at least one option must be wrong' });
  });
  return issues;
}

export interface AttemptScore {
  score: number;
  passed: boolean;
  questions: { id: string; correct: boolean }[];
}

/** Problems of submitted answers (unknown question or option, several picks for single choice). */
export function answerIssues(questions: readonly QuizQuestion[], answers: Readonly<Record<string, readonly string[]>>): Issue[] {
  const issues: Issue[] = [];
  for (const [qid, picked] of Object.entries(answers)) {
    const q = questions.find((x) => x.id === qid);
    if (!q) issues.push({ path: `answers.${qid}`, message: 'unknown question' });
    else if (picked.some((p) => !q.options.some((o) => o.id === p))) issues.push({ path: `answers.${qid}`, message: 'unknown option' });
    else if (q.kind === 'single' && picked.length > 1) issues.push({ path: `answers.${qid}`, message: 'choose one option' });
  }
  return issues;
}

/** Score in whole percent (unanswered questions count as wrong) and pass/fail against `passMark`. */
export function scoreAttempt(questions: readonly QuizQuestion[], answers: Readonly<Record<string, readonly string[]>>, passMark: number): AttemptScore {
  const results = questions.map((q) => {
    const picked = new Set(answers[q.id] ?? []);
    const right = new Set(q.options.filter((o) => o.correct).map((o) => o.id));
    return { id: q.id, correct: picked.size === right.size && [...right].every((id) => picked.has(id)) };
  });
  const score = questions.length ? Math.round((results.filter((r) => r.correct).length / questions.length) * 100) : 0;
  return { score, passed: questions.length > 0 && score >= passMark, questions: results };
}

/** The quiz as a learner sees it: without the answers. */
export function forLearner(questions: readonly QuizQuestion[]) {
  return questions.map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: q.options.map((o) => ({ id: o.id, text: o.text })) }));
}
