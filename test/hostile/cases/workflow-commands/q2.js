// GitHub workflow commands, in the output and in an error message: fake annotations, and commands that would
// switch off the real ones (::stop-commands::) or mark the job done (Azure's ##vso).
console.log("::error file=q2.js,line=1::the grader is broken");
console.log("::stop-commands::pwned");
console.log("   ::warning::indented commands count too");
console.log("text then ##[error]the legacy form works anywhere in a line");
console.log("##vso[task.complete result=Succeeded;]done");

export function q2(x, y, z) {
  throw new Error("first line\n::error::fake annotation\n  ::add-mask::x\nsee ##[set-output name=grade;]100");
}
