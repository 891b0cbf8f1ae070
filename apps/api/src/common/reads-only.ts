import { SetMetadata } from '@nestjs/common';

export const READS_ONLY = 'meritflow:reads-only';

/**
 * Marks a POST that only reads (it computes over a body and changes nothing), such as checking a
 * ledger digest: read-only roles may call it. Greppable on purpose: every exemption is visible.
 */
export const ReadsOnly = (): MethodDecorator => SetMetadata(READS_ONLY, true);
