import type { z } from 'zod';

/** `events[3].waitMs` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(input)';
}

/** One readable line per issue, each naming its field: `events[3].waitMs: is required for kind "answered"`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], max = 10): string {
  const lines = issues.slice(0, max).map((issue) => `${formatPath(issue.path)}: ${issueMessage(issue)}`);
  if (issues.length > max) lines.push(`… and ${issues.length - max} more`);
  return lines.join('; ');
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}
