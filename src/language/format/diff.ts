/**
 * A line diff for `fmt --check` and `fmt --diff`: the changed lines with a line of
 * context, `-` for the file as it is and `+` for the formatted text. Playbooks are
 * small, so the longest-common-subsequence table is cheap.
 */

/** Unified-style diff of `before` and `after` (empty when they are equal), line endings (CRLF, LF) aside. */
export function lineDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const a = before.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const b = after.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  if (a.join('\n') === b.join('\n')) {
    // Mixed line endings: fmt writes every line with the file's first one.
    return `${file}: only line endings differ (some lines end CRLF, others LF); playbook fmt --write ends them all ${after.includes('\r\n') ? 'CRLF' : 'LF'}\n`;
  }
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: { op: ' ' | '-' | '+'; text: string; line: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: ' ', text: a[i++], line: j++ + 1 });
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: '-', text: a[i++], line: j + 1 });
    else ops.push({ op: '+', text: b[j++], line: j });
  }
  const out = [`--- ${file}`, `+++ ${file} (formatted)`];
  let lastShown = -2;
  ops.forEach((o, k) => {
    const near = ops.slice(Math.max(0, k - 1), k + 2).some((x) => x.op !== ' ');
    if (!near) return;
    if (k !== lastShown + 1) out.push(`@@ line ${o.line} @@`);
    out.push(`${o.op}${o.text}`);
    lastShown = k;
  });
  return `${out.join('\n')}\n`;
}
