// Structural checks on rendered markdown, for the report tests: what GitHub would render as HTML or a
// mention, and whether tables, fences and <details> blocks are well formed.

/** The line with every code span removed (CommonMark: a backtick run closes at the next run of equal length). */
export function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      out += line[i++];
      continue;
    }
    const run = /^`+/.exec(line.slice(i))![0];
    let close = -1;
    for (let j = i + run.length; j < line.length;) {
      const next = /`+/.exec(line.slice(j));
      if (!next) break;
      if (next[0].length === run.length) {
        close = j + next.index;
        break;
      }
      j += next.index + next[0].length;
    }
    if (close < 0) {
      out += run;
      i += run.length;
    } else {
      i = close + run.length;
    }
  }
  return out;
}

/** Cells of a table row, split like GitHub does: at pipes not preceded by a backslash. */
export function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/);
}

/** Every problem found; an empty list means the markdown is well formed and inert. */
export function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  const lines = markdown.split('\n');
  let fence: string | undefined;
  let details = 0;
  let tableColumns: number | undefined;
  lines.forEach((line, n) => {
    const at = `line ${n + 1}`;
    if (fence) {
      if (line.trim().startsWith(fence)) fence = undefined;
      return;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = open[1];
      return;
    }
    if (/^<details[\s>]/.test(line)) details++;
    if (/^<\/details>/.test(line)) {
      if (details === 0) problems.push(`${at}: </details> without <details>`);
      details = Math.max(0, details - 1);
      if (n > 0 && lines[n - 1].trim() !== '')
        problems.push(`${at}: </details> needs a blank line before it`);
    }
    if (line.startsWith('|')) {
      const count = cells(line).length;
      if (tableColumns === undefined) tableColumns = count;
      else if (count !== tableColumns) problems.push(`${at}: ${count} cells, the table has ${tableColumns}`);
    } else {
      if (tableColumns !== undefined && line.trim() !== '') problems.push(`${at}: text right after a table`);
      tableColumns = undefined;
    }
    const outside = withoutCodeSpans(line)
      .replace(/<!--.*?-->/g, '') // comments are not rendered
      .replace(/<https?:\/\/[^\s<>]*>/g, ''); // autolinks are links, not HTML
    const tags = outside.match(/<\/?([a-zA-Z][\w-]*)/g) ?? [];
    for (const tag of tags)
      if (!/^<\/?(details|summary|b|sub|br)$/.test(tag)) problems.push(`${at}: raw HTML ${tag}`);
    if (/@[A-Za-z0-9]/.test(outside)) problems.push(`${at}: an @mention outside code`);
    if (/`/.test(outside)) problems.push(`${at}: an unmatched backtick`);
  });
  if (fence) problems.push(`code fence ${fence} left open`);
  if (details !== 0) problems.push(`${details} <details> left open`);
  return problems;
}
