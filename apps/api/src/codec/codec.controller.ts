import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { PAYLOAD_DECODERS, PAYLOAD_ENCODERS } from '../auth/endpoint-roles';
import { ApiErrors } from '../common/api-errors';
import { ReadsOnly } from '../common/reads-only';
import { CodecService } from './codec.service';
import { PayloadsDto } from './dto/payloads.dto';

const NAMESPACE_HEADER = {
  name: 'X-Namespace',
  required: false,
  description: 'The Temporal namespace the payloads belong to (the Web UI and the CLI send it); another one is refused',
};

/**
 * Temporal's codec server protocol (POST …/decode and …/encode, body `{ payloads: [...] }` in
 * protobuf JSON), so the Temporal Web UI and `temporal workflow show --codec-endpoint` can show
 * the workflow data this deployment encrypts, to those allowed to see it.
 */
@ApiTags('codec')
@Controller('v1/codec')
export class CodecController {
  constructor(private readonly codec: CodecService) {}

  @Roles(...PAYLOAD_DECODERS)
  @Post('decode')
  @ReadsOnly()
  @HttpCode(200)
  @ApiHeader(NAMESPACE_HEADER)
  @ApiOperation({ summary: 'Decrypt workflow payloads (Temporal codec server protocol); plain payloads come back unchanged' })
  @ApiOkResponse({ description: '`{ payloads }`, in the order given' })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_KEY_UNKNOWN', 'PAYLOAD_DECRYPT_FAILED')
  decode(@Body() body: PayloadsDto, @Headers('x-namespace') namespace?: string) {
    return this.codec.decode(body, namespace);
  }

  @Roles(...PAYLOAD_ENCODERS)
  @Post('encode')
  @HttpCode(200)
  @ApiHeader(NAMESPACE_HEADER)
  @ApiOperation({ summary: 'Encrypt payloads with the active key, as the workers do (for data an administrator sends through the UI)' })
  @ApiOkResponse({ description: '`{ payloads }`, in the order given' })
  @ApiErrors('VALIDATION_FAILED')
  encode(@Body() body: PayloadsDto, @Headers('x-namespace') namespace?: string) {
    return this.codec.encode(body, namespace);
  }
}
