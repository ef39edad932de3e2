// --junit FILE.xml: one testsuite per lab, one testcase per step, so CI servers and
// instructors can collect results. Failure text holds codes and messages, never secrets: it
// passes through the redactor, which knows the secrets the run's outputs held.
import type { RunResult } from '../../runner/types.js';
import type { TargetSession } from '../../targets/types.js';
import { Redactor } from './redact.js';

const escXml = (s: string) =>
  s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!)
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

export function buildJUnit(r: RunResult, extras: { target?: Pick<TargetSession, 'accounts'> } = {}): string {
  const redactor = Redactor.forResult(r, extras.target);
  const esc = (s: string) => escXml(redactor.text(s));
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const ran = new Set(r.steps.map((s) => s.index));
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const [i, step] of r.lab.steps.entries()) {
    const res = r.steps.find((s) => s.index === i);
    const name = `${i + 1}. ${step.title}`;
    const head = `    <testcase classname="${esc(`lab.${r.lab.id}`)}" name="${esc(name)}" time="${secs(res?.durationMs ?? 0)}"`;
    if (!ran.has(i) || !res) {
      skipped++;
      cases.push(`${head}>\n      <skipped message="not reached"/>\n    </testcase>`);
    } else if (res.skipped && res.actions.every((a) => a.met)) {
      // Skipped by the learner in a guided run before anything in it failed.
      skipped++;
      cases.push(`${head}>\n      <skipped message="skipped by the learner"/>\n    </testcase>`);
    } else if (!res.met) {
      failures++;
      const problems = res.actions.flatMap((a) => a.problems.map((p) => `${a.label} (${a.action.pos.file}:${a.action.pos.line}): ${p}`));
      const text = problems.join('\n') || 'interrupted';
      cases.push(`${head}>\n      <failure message="${esc(problems[0] ?? 'not met')}">${esc(text)}</failure>\n    </testcase>`);
    } else cases.push(`${head}/>`);
  }
  const cleanupFailed = r.cleanup.filter((c) => !c.ok);
  if (!r.kept) {
    const head = `    <testcase classname="${esc(`lab.${r.lab.id}`)}" name="cleanup" time="0"`;
    if (cleanupFailed.length) {
      failures++;
      const text = cleanupFailed.map((c) => `${c.item.call} in ${c.item.account}: ${c.error?.code} ${c.error?.message}`).join('\n');
      cases.push(`${head}>\n      <failure message="cleanup left ${cleanupFailed.length} thing(s)">${esc(text)}</failure>\n    </testcase>`);
    } else cases.push(`${head}/>`);
  }
  const total = cases.length;
  const time = secs(r.endedAt.getTime() - r.startedAt.getTime());
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="lab" tests="${total}" failures="${failures}" skipped="${skipped}" time="${time}">`,
    `  <testsuite name="${esc(`${r.lab.id}: ${r.lab.meta.title}`)}" tests="${total}" failures="${failures}" skipped="${skipped}" time="${time}" timestamp="${r.startedAt.toISOString()}">`,
    `    <properties><property name="target" value="${esc(r.target)}"/><property name="runId" value="${esc(r.runId)}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
