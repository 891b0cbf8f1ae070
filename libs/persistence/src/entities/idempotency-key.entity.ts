import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What an Idempotency-Key was first used for, per caller. Append-only (see migrations). */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  /** The 32 bytes of the SHA-256 of the request's canonical form. */
  @Column({ type: 'bytea' })
  fingerprint!: Buffer;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz', insert: false, update: false })
  firstSeenAt!: Date;
}
