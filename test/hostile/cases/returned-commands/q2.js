// Returns strings that a report would quote: terminal escapes and CI workflow commands.
export const q2 = () => ["\x1b[2K\r✓ check_q2 passed", "##[error]the grader is broken", "x\n::stop-commands::pwned"];
