// Questions named on the command line, checked against the manifest.
import { ToolError } from "../grader/errors.js";
import type { Manifest, Question } from "../grader/spec.js";

export const UNKNOWN_QUESTION = (name: string, known: string[]) =>
  `unknown question "${name}" (the questions are ${known.join(", ")})`;

/** The named questions in the manifest's order; all of them when none is named. */
export function selectQuestions(manifest: Manifest, names: string[]): Question[] {
  const known = manifest.questions.map((question) => question.id);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new ToolError(UNKNOWN_QUESTION(unknown, known));
  return names.length === 0 ? manifest.questions : manifest.questions.filter((question) => names.includes(question.id));
}
