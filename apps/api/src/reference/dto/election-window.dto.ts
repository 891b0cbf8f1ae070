import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { BUSINESS_CODE_PATTERN } from '@meritflow/domain';
import { IsReferenceDate } from './real-date.validator';
import { RequiredReason } from './reason.field';

const KEEP_OR_CLEAR = 'Left out: keeps the stored date; null: clears it';

/** UU 10/2016 Pasal 71(2) and 162(3): the dates the moratorium runs from. */
export class PutElectionWindowDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2029-09-22',
    description: `Candidate-pair determination (penetapan paslon). ${KEEP_OR_CLEAR}`,
  })
  @IsOptional()
  @IsReferenceDate()
  candidatePairDetermination?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2030-02-20',
    description: `End of the incumbent head's term; after the determination. ${KEEP_OR_CLEAR}`,
  })
  @IsOptional()
  @IsReferenceDate()
  termEnd?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2025-02-20',
    description: `Inauguration of the current regional head. ${KEEP_OR_CLEAR}`,
  })
  @IsOptional()
  @IsReferenceDate()
  headInauguratedOn?: string | null;

  @RequiredReason()
  reason!: string;
}

export class RegionFilterQuery {
  @ApiPropertyOptional({ example: 'KAB-SLEMAN', description: 'Only this region' })
  @IsOptional()
  @IsString()
  @Matches(BUSINESS_CODE_PATTERN)
  regionCode?: string;
}
