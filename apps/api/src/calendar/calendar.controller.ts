import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { CALENDAR_EDITORS, DomainError, isIsoDate, mayEditCalendar, type Actor } from '@meritflow/domain';
import { HolidayRepository } from '@meritflow/persistence';
import { CurrentActor } from '../common/actor.decorator';
import { PatternPipe } from '../common/param-pipes';
import { NoControlCharacters, SingleLine } from '../common/text.validators';
import { Roles } from '../auth/access.decorators';
import { CALENDAR_EDITOR_ROLES, EVERY_ROLE } from '../auth/endpoint-roles';

const DatePipe = new PatternPipe('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isIsoDate(v) && v >= '2000-01-01' && v <= '2100-12-31', {
  id: 'tanggal YYYY-MM-DD antara 2000 dan 2100',
  en: 'a date YYYY-MM-DD between 2000 and 2100',
});

class YearQuery {
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

class SetHolidayDto {
  @IsString()
  @Length(2, 200)
  @SingleLine()
  nameId!: string;

  @IsOptional()
  @IsString()
  @Length(2, 200)
  @SingleLine()
  nameEn?: string;

  @IsString()
  @Length(3, 1000)
  @NoControlCharacters()
  reason!: string;
}

class RemoveHolidayDto {
  @IsString()
  @Length(3, 1000)
  @NoControlCharacters()
  reason!: string;
}

@ApiTags('calendar')
@Controller('v1/calendar/holidays')
export class CalendarController {
  constructor(private readonly holidays: HolidayRepository) {}

  @Roles(...EVERY_ROLE)
  @Get()
  @ApiOperation({ summary: 'National holidays and cuti bersama that working-day deadlines skip, for one year' })
  async list(@Query() q: YearQuery) {
    const rows = await this.holidays.list(q.year);
    return { year: q.year, holidays: rows.map((h) => ({ date: h.date, nameId: h.nameId, nameEn: h.nameEn })) };
  }

  @Roles(...EVERY_ROLE)
  @Get('changes')
  @ApiOperation({ summary: 'Every recorded change to the calendar in one year: who, in what role, before, after, why' })
  async changes(@Query() q: YearQuery) {
    return { year: q.year, changes: await this.holidays.changes(q.year) };
  }

  @Roles(...CALENDAR_EDITOR_ROLES)
  @Put(':date')
  @ApiOperation({ summary: `Set a holiday (roles: ${CALENDAR_EDITORS.join(', ')}); recorded` })
  async set(@Param('date', DatePipe) date: string, @CurrentActor() actor: Actor, @Body() dto: SetHolidayDto) {
    this.assertEditor(actor);
    const change = await this.holidays.change(date, { nameId: dto.nameId, nameEn: dto.nameEn ?? null }, dto.reason, actor);
    return { date, changed: change !== null, change };
  }

  @Roles(...CALENDAR_EDITOR_ROLES)
  @Delete(':date')
  @ApiOperation({ summary: `Remove a holiday (roles: ${CALENDAR_EDITORS.join(', ')}); recorded` })
  async remove(@Param('date', DatePipe) date: string, @CurrentActor() actor: Actor, @Body() dto: RemoveHolidayDto) {
    this.assertEditor(actor);
    const change = await this.holidays.change(date, null, dto.reason, actor);
    return { date, changed: change !== null, change };
  }

  private assertEditor(actor: Actor): void {
    if (!mayEditCalendar(actor.role)) {
      throw new DomainError('ROLE_NOT_ALLOWED', {
        step: 'calendar',
        decision: 'edit_holidays',
        role: actor.role,
        roles: CALENDAR_EDITORS,
        allowed: [],
      });
    }
  }
}
