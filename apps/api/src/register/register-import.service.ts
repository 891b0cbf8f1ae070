import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiConfig } from '@meritflow/config';
import { DomainError, type Actor } from '@meritflow/domain';
import { RegisterImporter, type ImportBatchView, type ImportErrorsPage, type ImportRequest } from '@meritflow/persistence';
import { API_CONFIG } from '../config.provider';
import { OutOfScope } from '../common/out-of-scope';
import { RegisterService } from './register.service';
import { IMPORT_FILE_FIELD } from './register-import.interceptor';

export interface ImportAnswer {
  /** 201 finished within the wait, 202 still running (poll GET /v1/register/imports/:id), 200 the same file was imported before. */
  status: 200 | 201 | 202;
  body: { alreadyImported: boolean; batch: ImportBatchView; errors: ImportErrorsPage };
}

const FIRST_ERRORS = 100;

/**
 * Register imports through the API. The upload is claimed as a batch at once (agency + SHA-256,
 * unique: the same file twice, even at the same moment, runs once); the import then runs in this
 * process while the request waits up to REGISTER_IMPORT_WAIT_MS for it.
 */
@Injectable()
export class RegisterImportService implements OnApplicationShutdown {
  private readonly importer: RegisterImporter;
  private readonly logger = new Logger('register-import');
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    ds: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly register: RegisterService,
  ) {
    this.importer = new RegisterImporter(ds, { maxRows: config.REGISTER_IMPORT_MAX_ROWS });
  }

  async upload(actor: Actor, file: { buffer: Buffer; originalname: string } | undefined): Promise<ImportAnswer> {
    const agencyCode = this.register.agencyOf(actor, undefined);
    if (!file || file.buffer.length === 0) {
      throw new DomainError('VALIDATION_FAILED', {
        fields: [
          {
            field: IMPORT_FILE_FIELD,
            rule: 'required',
            message: { id: 'unggah berkas XLSX atau CSV pada kolom file', en: 'upload an XLSX or CSV file in field file' },
          },
        ],
      });
    }
    const req: ImportRequest = {
      agencyCode,
      fileName: file.originalname || 'import',
      content: file.buffer,
      actor,
      today: this.register.today(),
    };
    const { batch, claimed } = await this.importer.claim(req);
    if (!claimed)
      return { status: 200, body: { alreadyImported: true, batch, errors: await this.importer.errors(batch.id, 0, FIRST_ERRORS) } };

    const job = this.importer.run(batch.id, req).catch((err: unknown) => {
      this.logger.error(`import ${batch.id} failed: ${String(err)}`);
      return null;
    });
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      job,
      new Promise<'waiting'>((resolve) => (timer = setTimeout(() => resolve('waiting'), this.config.REGISTER_IMPORT_WAIT_MS))),
    ]);
    clearTimeout(timer);
    const now = await this.importer.view(batch.id);
    const errors = await this.importer.errors(batch.id, 0, FIRST_ERRORS);
    if (waited !== 'waiting' && now.status === 'failed') {
      const fileIssues = errors.items.filter((e) => e.sheet === 'file' && e.rule !== 'import.failed');
      // Not the file's fault (the database went away mid-import): a 500, and the same file may be sent again.
      if (fileIssues.length === 0) throw new DomainError('INTERNAL', { importId: batch.id });
      // The file itself could not be read: a 400 naming the sheet and column, and nothing was applied.
      throw new DomainError('VALIDATION_FAILED', {
        importId: batch.id,
        fields: fileIssues.map(({ field, rule, message }) => ({ field, rule, message })),
      });
    }
    return { status: waited === 'waiting' ? 202 : 201, body: { alreadyImported: false, batch: now, errors } };
  }

  async get(actor: Actor, id: string, q: { agencyCode?: string; errorsOffset?: number; errorsLimit?: number }) {
    const agencyCode = this.register.agencyOf(actor, q.agencyCode);
    const batch = await this.importer.find(id);
    if (!batch) throw new DomainError('IMPORT_NOT_FOUND', { importId: id });
    // Another agency's batch answers like a missing one, and the attempt is a security event.
    if (batch.agencyCode !== agencyCode) {
      throw new OutOfScope('IMPORT_NOT_FOUND', { importId: id }, 'REGISTER_IMPORT_OUT_OF_SCOPE', { agencyCode: batch.agencyCode });
    }
    return { batch, errors: await this.importer.errors(id, q.errorsOffset ?? 0, q.errorsLimit ?? FIRST_ERRORS) };
  }

  async list(actor: Actor, q: { agencyCode?: string; page?: number; pageSize?: number }) {
    const agencyCode = this.register.agencyOf(actor, q.agencyCode);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 25;
    return { agencyCode, page, pageSize, ...(await this.importer.list(agencyCode, page, pageSize)) };
  }

  /** Lets running imports finish their current chunk's work before the process ends; an abandoned one is taken over by the same file later. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, 5000).unref())]);
  }
}
