import { useState, type ReactNode } from 'react';
import type { CaseParticipation, PostFit, ProfileView } from '@meritflow/domain';
import { api, caseTypes, enc, type Session } from './api';
import { roleLabel, useI18n, type Lang } from './i18n';
import {
  competencyTypeLabel,
  credentialLabel,
  educationLabel,
  employmentLabel,
  fitGapLabel,
  golonganLabel,
  jpmLabel,
  participantRoleLabel,
  performanceAxisLabel,
  postTypeLabel,
  potentialAxisLabel,
  predicateLabel,
  rankKindLabel,
  sanctionLabel,
  sanctionLevelLabel,
  serviceEndReasonLabel,
  serviceStatusLabel,
  sexLabel,
  sourceLabel,
} from './labels';
import { agencyParam, useReference } from './people';
import { caseHref } from './screens';
import { DateField, Refusal, SelectField, TextField, useLoad } from './ui';

/** A calendar date ('YYYY-MM-DD') as the reader's language writes it. */
export const formatDate = (iso: string | null | undefined, lang: Lang): string => {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
};

function Part({ id, title, children, empty }: { id: string; title: string; children: ReactNode; empty: boolean }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      {empty ? <p>{t('Belum ada catatan.', 'Nothing recorded.')}</p> : children}
    </section>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An official's competencies against one post's standard: the gap per competency and the JPM. */
function Fit({ fit, testId }: { fit: PostFit; testId: string }) {
  const { t, lang } = useI18n();
  const gap = fit.gap;
  return (
    <div data-testid={testId}>
      <p>
        <strong>{fit.post ? fit.post.title : (fit.postCode ?? '—')}</strong>
        {fit.post && <span className="sub"> · {postTypeLabel(fit.post.postType, lang)}</span>}
      </p>
      {gap && gap.assessedOn && (
        <p className="sub">
          {t('Asesmen terakhir', 'Latest assessment')}: {formatDate(gap.assessedOn, lang)} ({gap.method})
        </p>
      )}
      {gap && (
        <Table
          caption={t('Kompetensi terhadap standar jabatan', "Competencies against the post's standard")}
          head={[
            t('Kompetensi', 'Competency'),
            t('Jenis', 'Type'),
            t('Standar', 'Required'),
            t('Capaian', 'Achieved'),
            t('Selisih', 'Gap'),
          ]}
          rows={gap.lines.map((l) => [
            l.name,
            competencyTypeLabel(l.type, lang),
            l.required,
            l.achieved ?? t('belum diukur', 'not measured'),
            l.gap === null ? '—' : l.gap < 0 ? <span className="badge danger">{l.gap}</span> : l.gap > 0 ? `+${l.gap}` : '0',
          ])}
        />
      )}
      {gap?.jpm ? (
        <p data-testid={`${testId}-jpm`}>
          <strong>JPM {gap.jpm.percent}%</strong> — {jpmLabel(gap.jpm.category, lang)} <span className="sub">({gap.jpm.scheme})</span>
        </p>
      ) : (
        fit.missing && <p className="sub">{fitGapLabel(fit.missing, lang)}</p>
      )}
    </div>
  );
}

function Cases({ cases }: { cases: ProfileView['cases'] }) {
  const { t, lang } = useI18n();
  const { data: types } = useLoad(() => caseTypes(), []);
  const typeLabel = (code: string) => {
    const found = types?.find((x) => x.type === code);
    return found ? (lang === 'id' ? found.label.id : found.label.en) : code;
  };
  const roles = (c: CaseParticipation) =>
    c.roles
      .map((r) =>
        r === 'decider' && c.decidedAs.length
          ? `${participantRoleLabel(r, lang)} (${c.decidedAs.map((a) => roleLabel(a, lang)).join(', ')})`
          : participantRoleLabel(r, lang),
      )
      .join('; ');
  return (
    <Part id="profile-cases" title={`${t('Kasus yang diikuti', 'Cases taken part in')} (${cases.total})`} empty={cases.items.length === 0}>
      <Table
        caption={t('Kasus yang diikuti pegawai ini', 'Cases this official took part in')}
        head={[t('Kasus', 'Case'), t('Jenis', 'Type'), t('Peran', 'Role'), t('Tahap', 'Step'), t('Sejak', 'Since')]}
        rows={cases.items.map((c) => [
          <>
            <a href={caseHref(c.caseId)}>{c.title}</a>
            <div className="sub">{c.caseId}</div>
          </>,
          typeLabel(c.caseType),
          roles(c),
          c.step,
          formatDate(c.since, lang),
        ])}
      />
      {cases.total > cases.items.length && (
        <p className="sub">{t(`${cases.items.length} kasus terbaru ditampilkan`, `The newest ${cases.items.length} cases are shown`)}</p>
      )}
    </Part>
  );
}

/** One official: facts, history, competencies against the post's standard, and the cases they took part in. */
export function PersonProfile({ nip, agencyCode, session }: { nip: string; agencyCode?: string; session: Session }) {
  const { t, lang } = useI18n();
  const [asOf, setAsOf] = useState('');
  const [target, setTarget] = useState('');
  const scope = agencyParam(session, agencyCode);
  const qs = [scope, asOf && `asOf=${asOf}`, target && `postCode=${encodeURIComponent(target)}`].filter(Boolean).join('&');
  const { data: p, error } = useLoad(() => api<ProfileView>('GET', `/v1/register/people/${enc(nip)}${qs ? `?${qs}` : ''}`), [nip, qs]);
  const { posts } = useReference(session, agencyCode ?? '');
  const unit = (code: string) => (p?.unitNames[code] ? `${p.unitNames[code]}` : code);
  return (
    <section aria-labelledby="profile-h">
      <p>
        <a href="#/people">{t('← Kembali ke pencarian pegawai', '← Back to the search')}</a>
      </p>
      <h1 id="profile-h">{p ? p.name : t('Profil pegawai', 'Official’s profile')}</h1>
      <Refusal error={error} />
      <div className="row card">
        <DateField
          label={t('Tampilkan per tanggal', 'Show as of')}
          value={asOf}
          onChange={setAsOf}
          hint={t('Kosong: hari ini', 'Empty: today')}
        />
        <SelectField
          label={t('Bandingkan dengan jabatan sasaran', 'Compare with a target post')}
          value={target}
          onChange={setTarget}
          options={[{ value: '', label: '—' }, ...posts.map((x) => ({ value: x.code, label: x.title }))]}
        />
      </div>
      {p && (
        <>
          <dl className="facts" data-testid="profile-facts">
            <dt>NIP</dt>
            <dd>
              <code>{p.nip}</code> ({employmentLabel(p.employmentType, lang)})
            </dd>
            <dt>{t('Tanggal lahir', 'Birth date')}</dt>
            <dd>
              {formatDate(p.birthDate, lang)} · {sexLabel(p.sex, lang)}
            </dd>
            <dt>{t('Unit kerja', 'Unit')}</dt>
            <dd>{unit(p.unitCode)}</dd>
            <dt>{t('Golongan/pangkat', 'Grade/rank')}</dt>
            <dd data-testid="profile-grade">
              {golonganLabel(p.rank?.golongan)}
              {p.rank && <span className="sub"> · TMT {formatDate(p.rank.tmt, lang)}</span>}
            </dd>
            <dt>{t('Jabatan', 'Post')}</dt>
            <dd data-testid="profile-post">
              {p.position ? `${p.position.title} (${postTypeLabel(p.position.postType, lang)})` : t('tidak menjabat', 'none')}
              {p.position && (
                <span className="sub">
                  {' '}
                  · {t('sejak', 'since')} {formatDate(p.position.from, lang)}
                </span>
              )}
            </dd>
            <dt>{t('Status kepegawaian', 'Service')}</dt>
            <dd data-testid="profile-service">
              {serviceStatusLabel(p.serviceStatus, lang)}
              {p.serviceEnded && (
                <span className="sub">
                  {' '}
                  · {serviceEndReasonLabel(p.serviceEnded.reason, lang)}, TMT {formatDate(p.serviceEnded.endedOn, lang)} · SK{' '}
                  {p.serviceEnded.decreeNumber}
                </span>
              )}
            </dd>
            <dt>{t('Sumber data', 'Source')}</dt>
            <dd>
              {sourceLabel(p.source, lang)}
              {p.homeAgencyCode ? ` (${p.homeAgencyCode})` : ''}
            </dd>
            <dt>{t('Per tanggal', 'As of')}</dt>
            <dd>
              {formatDate(p.asOf, lang)} · {t('versi register', 'register version')} {p.version}
            </dd>
          </dl>

          <Part
            id="profile-competencies"
            title={t('Kompetensi terhadap standar jabatan', "Competencies against the post's standard")}
            empty={false}
          >
            <Fit fit={p.competencyFit.current} testId="fit-current" />
            {p.competencyFit.target && (
              <>
                <h3>{t('Kecocokan dengan jabatan sasaran', 'Fit for the target post')}</h3>
                <Fit fit={p.competencyFit.target} testId="fit-target" />
              </>
            )}
          </Part>

          <Part id="profile-ranks" title={t('Riwayat pangkat', 'Rank history')} empty={p.rankHistory.length === 0}>
            <Table
              caption={t('Riwayat pangkat', 'Rank history')}
              head={[t('Golongan/pangkat', 'Grade/rank'), 'TMT', t('Jenis', 'Kind'), t('Nomor SK', 'Decree')]}
              rows={[...p.rankHistory]
                .reverse()
                .map((r) => [golonganLabel(r.golongan), formatDate(r.tmt, lang), rankKindLabel(r.kind, lang), r.decreeNumber])}
            />
          </Part>

          <Part id="profile-posts" title={t('Riwayat jabatan', 'Post history')} empty={p.positionHistory.length === 0}>
            <Table
              caption={t('Riwayat jabatan', 'Post history')}
              head={[
                t('Jabatan', 'Post'),
                t('Jenis', 'Type'),
                t('Unit kerja', 'Unit'),
                t('Dari', 'From'),
                t('Sampai', 'To'),
                t('Nomor SK', 'Decree'),
              ]}
              rows={[...p.positionHistory]
                .reverse()
                .map((x) => [
                  x.title,
                  postTypeLabel(x.postType, lang),
                  unit(x.unitCode),
                  formatDate(x.from, lang),
                  x.to ? formatDate(x.to, lang) : t('sekarang', 'now'),
                  x.decreeNumber,
                ])}
            />
          </Part>

          <Part id="profile-education" title={t('Pendidikan', 'Education')} empty={p.education.length === 0}>
            <Table
              caption={t('Pendidikan', 'Education')}
              head={[t('Jenjang', 'Level'), t('Institusi', 'Institution'), t('Jurusan', 'Major'), t('Lulus', 'Graduated')]}
              rows={p.education.map((e) => [
                educationLabel(e.level, lang),
                e.institution ?? '—',
                e.major ?? '—',
                formatDate(e.graduatedOn, lang),
              ])}
            />
          </Part>

          <Part id="profile-ratings" title={t('Predikat kinerja', 'Performance ratings')} empty={p.performance.length === 0}>
            <Table
              caption={t('Predikat kinerja per tahun', 'Performance rating per year')}
              head={[t('Tahun', 'Year'), t('Predikat', 'Rating')]}
              rows={[...p.performance].reverse().map((r) => [r.year, predicateLabel(r.predicate, lang)])}
            />
          </Part>

          <Part id="profile-sanctions" title={t('Hukuman disiplin', 'Disciplinary sanctions')} empty={p.sanctions.length === 0}>
            <Table
              caption={t('Hukuman disiplin', 'Disciplinary sanctions')}
              head={[
                t('Tingkat', 'Level'),
                t('Hukuman', 'Sanction'),
                t('Dijatuhkan', 'Imposed'),
                t('Berakhir', 'Ends'),
                t('Nomor SK', 'Decree'),
              ]}
              rows={p.sanctions.map((s) => [
                sanctionLevelLabel(s.level, lang),
                sanctionLabel(s.sanction, lang),
                formatDate(s.imposedOn, lang),
                formatDate(s.endsOn, lang),
                s.decreeNumber,
              ])}
            />
          </Part>

          <Part id="profile-credentials" title={t('Sertifikat dan laporan', 'Credentials')} empty={p.credentials.length === 0}>
            <Table
              caption={t('Sertifikat dan laporan', 'Credentials')}
              head={[t('Jenis', 'Kind'), t('Terbit', 'Issued'), t('Berlaku sampai', 'Valid until'), t('Rujukan', 'Reference')]}
              rows={p.credentials.map((c) => [
                credentialLabel(c.code, lang),
                formatDate(c.issuedOn, lang),
                formatDate(c.validUntil, lang),
                c.reference ?? '—',
              ])}
            />
          </Part>

          <Part id="profile-talent" title={t('Penempatan 9-box', '9-box placements')} empty={p.talentPlacements.length === 0}>
            <Table
              caption={t('Penempatan 9-box per periode', '9-box placement per period')}
              head={[t('Periode', 'Period'), t('Kinerja', 'Performance'), t('Potensi', 'Potential'), t('Kotak', 'Box')]}
              rows={p.talentPlacements.map((x) => [
                x.period,
                performanceAxisLabel(x.performance, lang),
                potentialAxisLabel(x.potential, lang),
                x.box,
              ])}
            />
          </Part>

          <Cases cases={p.cases} />
        </>
      )}
    </section>
  );
}
