import type { Page } from 'playwright-core';
import { HR, Stack } from '../support/api-client';
import { runToReview } from '../support/chain-fixtures';
import { accepted, asMember, eligibleProfile, waitForStep as caseAtStep } from '../support/selection-fixtures';
import { ConsoleBrowser, capture, pdf, stepIs, submitAndWait, waitForStep } from './browser';

/**
 * A blind selection in Debian's Chromium: the candidates are registered, screened and assessed
 * through the API; a committee member declares and scores on the case page seeing only the codes
 * K-01…K-04, the chair reads the ranking in codes and signs it in the console, and only then do the
 * names appear on the members' pages. HR reads names throughout.
 */
jest.setTimeout(300_000);

describe('blind scoring in the web console', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);
  const profiles = ['Andi Wijaya', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'].map((n) => eligibleProfile(n));
  const codes = ['K-01', 'K-02', 'K-03', 'K-04'];

  /** The page's visible text names none of the candidates, by name or by NIP. */
  const namesNobody = async (page: Page) => {
    const text = await page.locator('main').innerText();
    return profiles.every((p) => !text.includes(p.name) && !text.includes(p.nip));
  };

  beforeAll(async () => {
    await ui.start();
  });
  afterAll(async () => {
    await ui.close();
    await stack.close();
  });

  it('a member scores codes only, the chair signs the ranking in codes, and the names appear after the signature', async () => {
    const sel = await runToReview(
      stack,
      { positionClass: 'jpt_pratama', sopVersion: '1.0.0-test.console', agencyPrefix: 'PEMKAB', blindScoring: true },
      profiles,
    );
    expect(sel.subjects).toEqual(codes);
    const [chairOf, memberOf, ...others] = sel.members;

    // A member declares and scores on the page; candidates are K-01…K-04 everywhere on it.
    const member = await ui.signIn(asMember(memberOf), { agency: sel.agencyCode });
    await ui.openCase(member, sel.id);
    await waitForStep(member, 'committee_review');
    const table = member.getByTestId('candidates');
    await table.waitFor();
    expect(await table.locator('tbody tr td:first-child').allInnerTexts()).toEqual(codes);
    const declare = member.getByTestId('declare-interests');
    await declare.waitFor();
    for (const code of codes) await declare.getByLabel(`Konflik dengan ${code} (${code})`).waitFor();
    expect(await namesNobody(member)).toBe(true);
    await submitAndWait(declare, 'Kirim pernyataan', async () => (await member.getByTestId('score-sheet').count()) > 0);
    const sheet = member.getByTestId('score-sheet');
    for (const [ci, code] of codes.entries()) {
      await sheet.getByLabel(`Nilai makalah ${code}`).fill(String(86 - 4 * ci));
      await sheet.getByLabel(`Nilai wawancara ${code}`).fill(String(86 - 4 * ci));
    }
    expect(await namesNobody(member)).toBe(true);
    await capture(member, 'blind-01-member-scores-codes');
    await submitAndWait(sheet, 'Kirim nilai', async () => (await member.getByTestId('score-sheet').count()) === 0);
    expect(await namesNobody(member)).toBe(true);

    // The other members, the chair among them, declare and score through the API.
    const review = `${sel.path}/committee-review/decisions`;
    for (const [mi, m] of [chairOf, ...others].entries()) {
      await accepted(stack, review, asMember(m), {
        decision: 'declare_interests',
        declarations: codes.map((nip) => ({ nip, conflicted: false })),
      });
      await accepted(stack, review, asMember(m), {
        decision: 'score',
        scores: codes.map((nip, ci) => ({ nip, paper: 88 - 4 * ci + mi, interview: 88 - 4 * ci + mi })),
      });
    }
    await caseAtStep(stack, sel.path, 'ranking');

    // The chair reads the ranking in codes and signs it in the console.
    const chair = await ui.signIn(asMember(chairOf), { agency: sel.agencyCode });
    await ui.openCase(chair, sel.id);
    await waitForStep(chair, 'ranking');
    const shortlist = chair.getByTestId(`shortlist-${sel.postCode}`);
    await shortlist.waitFor();
    await expect(shortlist.innerText()).resolves.toContain('K-01');
    expect(await namesNobody(chair)).toBe(true);
    const sign = chair.getByTestId('decide-sign_ranking');
    await sign.getByLabel('Berita acara pemeringkatan (PDF)').setInputFiles(pdf('ba_pemeringkatan'));
    await capture(chair, 'blind-02-chair-ranking-codes');
    await submitAndWait(sign, 'Tandatangani berita acara peringkat', async () => !(await stepIs(chair, 'ranking')));

    // Signed: the members' pages now name the candidates, in the same order as the codes.
    await chair.reload();
    await chair.getByTestId('candidates').waitFor();
    await expect(chair.getByTestId('candidates').locator('tbody tr td:first-child').allInnerTexts()).resolves.toEqual(
      profiles.map((p) => p.nip),
    );
    await member.reload();
    const names = member.getByTestId('candidates').locator('tbody tr td:nth-child(2)');
    await names.first().waitFor();
    await expect(names.allInnerTexts()).resolves.toEqual(profiles.map((p) => p.name));
    await capture(member, 'blind-03-revealed');

    // HR ran the file with names all along.
    const hr = await ui.signIn(HR, { agency: sel.agencyCode });
    await ui.openCase(hr, sel.id);
    await expect(hr.getByTestId('candidates').locator('tbody tr td:nth-child(2)').allInnerTexts()).resolves.toEqual(
      profiles.map((p) => p.name),
    );
  });
});
