import { HR, PPK, Stack, eventually } from '../support/api-client';
import { madyaProfile, runToSignedRanking } from '../support/chain-fixtures';
import { waitForStep as caseAtStep } from '../support/selection-fixtures';
import { ConsoleBrowser, capture, pdf, stepIs, submitAndWait, waitForStep } from './browser';

/**
 * A JPT madya selection's outside bodies in Debian's Chromium: after the signed ranking (reached
 * through the API), the secretariat records on the case page the governor's three names, the
 * Minister's forwarding, the TPA's assessment and the Keppres, each form citing the body's document;
 * the PPK, who may record none of them, sees none of the forms.
 */
jest.setTimeout(300_000);

describe('a JPT madya chain in the web console', () => {
  const stack = new Stack();
  const ui = new ConsoleBrowser(stack);

  beforeAll(async () => {
    await ui.start();
  });
  afterAll(async () => {
    await ui.close();
    await stack.close();
  });

  it('HR records the governor’s three names, the Minister, the TPA and the Keppres, each with its document', async () => {
    const profiles = ['Arif Budiman', 'Bayu Saputra', 'Cahya Purnama', 'Dian Kusuma'].map(madyaProfile);
    const sel = await runToSignedRanking(
      stack,
      { positionClass: 'jpt_madya', sopVersion: '1.0.0-madya.test.fast', agencyPrefix: 'PEMPROV' },
      profiles,
    );
    await caseAtStep(stack, sel.path, 'governor_proposal');
    const nameOf = (nip: string) => profiles.find((p) => p.nip === nip)!.name;
    const [first, second, third, fourth] = sel.ranked;

    // The PPK reads the case but records no outside body's decision.
    const ppk = await ui.signIn(PPK, { agency: sel.agencyCode });
    await ui.openCase(ppk, sel.id);
    await waitForStep(ppk, 'governor_proposal');
    expect(await ppk.getByTestId('decide-governor_propose').count()).toBe(0);

    const hr = await ui.signIn(HR, { agency: sel.agencyCode });
    await ui.openCase(hr, sel.id);
    const governor = hr.getByTestId('decide-governor_propose');
    await governor.waitFor();
    // The three best of the shortlist are ticked in rank order; a fourth cannot be added.
    const boxes = governor.getByRole('checkbox');
    for (const nip of [first, second, third]) {
      expect(await governor.getByLabel(`${nameOf(nip)} (${nip})`).isChecked()).toBe(true);
    }
    expect(await governor.getByLabel(new RegExp(fourth)).count()).toBe(0);
    expect(await boxes.count()).toBe(3);
    const send = governor.getByRole('button', { name: 'Catat usulan tiga nama Gubernur', exact: true });
    // Nothing is sent without the governor's letter.
    expect(await send.isDisabled()).toBe(true);
    await governor.getByLabel('Dokumen: Catat usulan tiga nama Gubernur (PDF)').setInputFiles(pdf('surat_usulan_gubernur'));
    expect(await send.isDisabled()).toBe(false);
    await expect(governor.locator('.preview').innerText()).resolves.toContain(
      [first, second, third].map((n) => `${nameOf(n)} (${n})`).join(', '),
    );
    await capture(hr, 'chain-01-governor-proposal');
    await submitAndWait(governor, 'Catat usulan tiga nama Gubernur', () => stepIs(hr, 'minister_review'));

    const minister = hr.getByTestId('decide-minister_forward');
    await minister.getByLabel('Dokumen: Catat penerusan Mendagri (PDF)').setInputFiles(pdf('surat_mendagri'));
    await capture(hr, 'chain-02-minister-forward');
    await submitAndWait(minister, 'Catat penerusan Mendagri', () => stepIs(hr, 'tpa_assessment'));

    const tpa = hr.getByTestId('decide-tpa_assess');
    await tpa.getByLabel('Dokumen: Catat hasil penilaian TPA (PDF)').setInputFiles(pdf('hasil_sidang_tpa'));
    await submitAndWait(tpa, 'Catat hasil penilaian TPA', () => stepIs(hr, 'presidential_decree'));

    // The Keppres names one of the governor's three, with its number and the decree itself.
    const keppres = hr.getByTestId(`keppres-${sel.postCode}`);
    await keppres.waitFor();
    expect(await keppres.getByRole('radio').count()).toBe(3);
    await keppres.getByLabel(`${nameOf(second)} (${second})`).check();
    await keppres.getByLabel('Nomor Keppres').fill('45/TPA/2026');
    await keppres.getByLabel('Dokumen: Catat Keppres (PDF)').setInputFiles(pdf('keppres'));
    await capture(hr, 'chain-03-keppres');
    await submitAndWait(keppres, 'Catat Keppres', () => stepIs(hr, 'appointment'));

    // Each outside body's row cites its own document; the Keppres appoints the one chosen.
    type Row = { decision: string; payload: Record<string, unknown>; evidence: { kind: string }[] };
    const rows: Row[] = await eventually(async () => {
      const body = (await stack.call('GET', sel.path)).body;
      return body.decisions?.some((r: Row) => r.decision === 'record_keppres') ? body.decisions : undefined;
    });
    const row = (d: string) => rows.find((r) => r.decision === d)!;
    expect(row('governor_propose').payload).toMatchObject({ postCode: sel.postCode, nominees: [first, second, third] });
    expect(row('governor_propose').evidence.map((e) => e.kind)).toEqual(['surat_usulan_gubernur']);
    expect(row('minister_forward').evidence.map((e) => e.kind)).toEqual(['surat_mendagri']);
    expect(row('tpa_assess').evidence.map((e) => e.kind)).toEqual(['hasil_sidang_tpa']);
    expect(row('record_keppres').payload).toMatchObject({ nip: second, decreeNumber: '45/TPA/2026' });
    expect(row('record_keppres').evidence.map((e) => e.kind)).toEqual(['keppres']);
    await capture(hr, 'chain-04-appointment');
  });
});
