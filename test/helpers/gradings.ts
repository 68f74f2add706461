// Gradings built without child processes, for the report tests: every status a check can have, and the hostile
// text a solution can put in a report (its thrown messages and its output).
import { questionChecks, type Grading, type QuestionReport } from "../../src/grader/grade.js";
import { sanitize } from "../../src/grader/output.js";
import type { CallOutcome, Described } from "../../src/grader/protocol.js";
import type { CheckOutcome } from "../../src/grader/run.js";
import { loadManifest } from "../../src/grader/spec.js";
import { scoreCheck } from "../../src/grader/summary.js";
import { decide, unanswered, type CheckContext } from "../../src/grader/verdict.js";

/** Control characters, a lone surrogate, markup, a CDATA end, a workflow command and a fake pass. */
export const HOSTILE = "bad \x00\x07\x1b[31m\ud800 <b>&amp;</b> ]]> \"quoted\" 'x' # not a directive \\ \n::error::pwned\r\n✓ passed";

const questions = loadManifest().questions.filter((q) => ["q1", "q2", "q3"].includes(q.id));
const scalar = (value: number): Described => ({ kind: "tensor", dtype: "float32", shape: [1], numel: 1, values: [value] });
const result = (calls: CallOutcome[], durationMs = 12.4): CheckOutcome => ({ kind: "result", calls, durationMs });
const threw = (message: string): CallOutcome => ({ threw: { kind: "error", name: "Error", message, stack: "" } });

function context(question: string): CheckContext {
  return { question, file: `${question}.ts`, explainThrown: (t) => (t.kind === "error" ? `${t.name}: ${t.message}\n    at q1 (q1.ts:4:11)` : "a value") };
}

/** Outcomes by check name: what the "solution" did. */
function outcome(name: string, calls: number): CheckOutcome {
  switch (name) {
    case "check_q1":
      return result([{ returned: scalar(0) }, { returned: scalar(1) }]);
    case "check_grad_q1":
      return result([{ returned: scalar(1) }, { returned: scalar(1) }]); // fails at -10
    case "random_q1":
      return result(Array.from({ length: calls }, () => threw(HOSTILE)));
    case "random_grad_q1":
      return { kind: "timeout", durationMs: 500 };
    case "check_q2":
    case "random_q2":
      return result(Array.from({ length: calls }, () => ({ returned: { kind: "undefined" } })));
    default:
      return { kind: "crashed", reason: "exited with code 0 (does the code call process.exit?)", durationMs: 3 };
  }
}

/** q1 partly right, erroring and timing out; q2 not attempted; q3 crashed; with randomized checks when seeded. */
export function sampleGrading(seed: number | null = 7): Grading {
  const reports: QuestionReport[] = questions.map((question) => {
    const checks = questionChecks(question.id, seed).map((spec) => {
      const decided = decide(spec, outcome(spec.name, spec.calls.length), context(question.id), 500);
      return scoreCheck(decided, spec.assertions.map(() => 1), spec.randomized === true);
    });
    const output = question.id === "q1" ? sanitize(HOSTILE) : ""; // as the grader captures it
    return { question, file: question.file, checks, output, files: [{ path: question.file, sha256: "0".repeat(64) }] };
  });
  return { reports, seed, version: "0.1.0", files: reports.flatMap((r) => r.files), files_sha256: "f".repeat(64) };
}

/** A run that could not happen: every check an error. */
export function brokenGrading(): Grading {
  const reports: QuestionReport[] = questions.map((question) => ({
    question,
    file: null,
    checks: questionChecks(question.id).map((spec) => scoreCheck(unanswered(spec, question.id, "error", "not gradable: no exercises found"), spec.assertions.map(() => 1), false)),
    output: "",
    files: [],
  }));
  return { reports, seed: null, version: "0.1.0", files: [], files_sha256: "e".repeat(64) };
}
