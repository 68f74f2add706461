// Plain numbers, strings and nested lists instead of tensors.
export const q2 = () => [56.46809387207031, "119.21041870117188", [[181.95274353027344]]];
