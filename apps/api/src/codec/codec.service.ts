import { Inject, Injectable } from '@nestjs/common';
import type { AesGcmPayloadCodec } from '@meritflow/codec';
import type { ApiConfig } from '@meritflow/config';
import { DomainError } from '@meritflow/domain';
import { API_CONFIG } from '../config.provider';
import { PAYLOAD_CODEC } from '../temporal/temporal.tokens';
import type { PayloadsDto } from './dto/payloads.dto';
import { payloadFromJson, payloadToJson, type JsonPayload } from './payload-json';

/**
 * The API's payload codec for Temporal's tools (the Web UI and the CLI decode through it): the keys
 * stay in this process, and who may see decrypted payloads is decided by role, not by who can reach
 * Temporal.
 */
@Injectable()
export class CodecService {
  constructor(
    @Inject(PAYLOAD_CODEC) private readonly codec: AesGcmPayloadCodec,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async decode(body: PayloadsDto, namespace: string | undefined): Promise<{ payloads: JsonPayload[] }> {
    this.assertNamespace(namespace);
    return { payloads: (await this.codec.decode(body.payloads.map(payloadFromJson))).map(payloadToJson) };
  }

  async encode(body: PayloadsDto, namespace: string | undefined): Promise<{ payloads: JsonPayload[] }> {
    this.assertNamespace(namespace);
    return { payloads: (await this.codec.encode(body.payloads.map(payloadFromJson))).map(payloadToJson) };
  }

  /** The keys are this deployment's, for its one namespace; the tools name theirs in X-Namespace. */
  private assertNamespace(namespace: string | undefined): void {
    if (namespace === undefined || namespace === this.config.TEMPORAL_NAMESPACE) return;
    throw new DomainError('VALIDATION_FAILED', {
      fields: [
        {
          field: 'x-namespace',
          rule: 'namespace',
          message: {
            id: `kunci di sini hanya untuk namespace ${this.config.TEMPORAL_NAMESPACE}`,
            en: `the keys here are for namespace ${this.config.TEMPORAL_NAMESPACE} only`,
          },
        },
      ],
    });
  }
}
