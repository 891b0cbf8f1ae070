import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig } from '@meritflow/config';
import { API_CONFIG } from '../config.provider';
import { FileUploadInterceptor } from '../common/file-upload.interceptor';

export const IMPORT_FILE_FIELD = 'file';

/** One export file per upload, at most REGISTER_IMPORT_MAX_BYTES. */
@Injectable()
export class RegisterImportInterceptor extends FileUploadInterceptor {
  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    super(IMPORT_FILE_FIELD, config.REGISTER_IMPORT_MAX_BYTES);
  }
}
