import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import { API_CONFIG } from '../config.provider';
import { FileUploadInterceptor, type UploadedFilePart } from '../common/file-upload.interceptor';

export const EVIDENCE_FILE_FIELD = 'file';

export type UploadedEvidenceFile = UploadedFilePart;

/** One document per upload, at most EVIDENCE_MAX_BYTES. */
@Injectable()
export class EvidenceUploadInterceptor extends FileUploadInterceptor {
  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    super(EVIDENCE_FILE_FIELD, config.EVIDENCE_MAX_BYTES);
  }
}
