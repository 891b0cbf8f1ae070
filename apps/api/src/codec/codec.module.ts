import { Module } from '@nestjs/common';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';

/** The codec endpoint for Temporal's Web UI and CLI (the codec itself comes from the TemporalModule). */
@Module({
  controllers: [CodecController],
  providers: [CodecService],
})
export class CodecModule {}
