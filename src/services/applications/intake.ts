/**
 * Intake: public submission with a tracking code (条例 Art. 31 receipt dates) and staff registration.
 */
import { randomUUID } from 'node:crypto';
import { and, or } from 'drizzle-orm';
import { z } from 'zod';
import { applicationEvents, applications, attachments, auditLog } from '../../db/schema';
import { insertAll, type InsertPart } from '../../db/multi-insert';
import { CHANNELS, fieldErrors, intakeSchema, type Channel } from '../../core/applications/intake';
import { receiptDate, type ReceiptInput } from '../../core/clock/deadline';
import { isIsoDate } from '../../core/clock/calendar';
import type { Actor, Ctx, StaffActor } from '../context';
import { auditRow } from '../audit';
import { assertAllowed, getAgency } from '../agencies';
import { badInput, parseInput } from '../errors';
import { type Upload } from '../uploads';
import { newTrackingCode, storeUploads, attachmentRow } from './common';

function appValues(input: z.infer<typeof intakeSchema>) {
  return {
    applicantType: input.applicantType,
    applicantName: input.applicantName,
    idType: input.idType,
    idNumber: input.idNumber,
    legalRepresentative: input.legalRepresentative ?? null,
    contactPerson: input.contactPerson ?? null,
    phone: input.phone,
    email: input.email ?? null,
    address: input.address ?? null,
    postcode: input.postcode ?? null,
    description: input.description,
    documentNumber: input.documentNumber ?? null,
    purpose: input.purpose ?? null,
    form: input.form,
    delivery: input.delivery,
  };
}

function parseIntake(input: unknown) {
  return parseInput(intakeSchema, input, '申请内容有误：');
}

interface Created {
  id: string;
  agencyId: number;
  trackingCode: string;
  receivedOn: string;
  agencyName: string;
}

async function insertApplication(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof intakeSchema>,
  receipt: { channel: Channel; receivedOn: string; reason: string },
  uploads: Upload[],
  allowed: 'applicant' | 'staff',
): Promise<Created> {
  const agency = await getAgency(ctx.db, input.agencyId);
  const stored = await storeUploads(ctx, uploads, allowed);
  const id = randomUUID();
  const trackingCode = newTrackingCode(agency.id);
  const now = ctx.clock.now();
  const staff = actor.kind === 'staff';
  const values = {
    agencyId: agency.id,
    id,
    trackingCode,
    channel: receipt.channel,
    submittedAt: now,
    receivedOn: receipt.receivedOn,
    receiptReason: receipt.reason,
    ...appValues(input),
    status: 'pending',
    createdBy: staff ? actor.userId : null,
    createdAt: now,
    updatedAt: now,
  };
  // The application, its first event, its attachments and its audit entry are written by ONE statement
  // (data-modifying CTEs, src/db/multi-insert.ts): atomic without BEGIN/COMMIT, one round trip instead of
  // five, which is what public intake's throughput depends on (bench/intake.ts).
  const parts: InsertPart[] = [
    { table: applications, rows: [values] },
    {
      table: applicationEvents,
      rows: [
        {
          agencyId: agency.id,
          applicationId: id,
          kind: staff ? 'registered' : 'submitted',
          on: receipt.receivedOn,
          data: { channel: receipt.channel, reason: receipt.reason },
          actorId: staff ? actor.userId : null,
          createdAt: now,
        },
      ],
    },
  ];
  if (stored.length > 0) {
    parts.push({
      table: attachments,
      rows: stored.map((s) => attachmentRow(agency.id, id, s.u, s.key, staff ? actor.userId : null, now)),
    });
  }
  parts.push({ table: auditLog, rows: [auditRow(actor, { agencyId: agency.id, entity: 'application', entityId: id, action: staff ? 'register' : 'submit', after: values }, now)] });
  try {
    await insertAll(ctx.db, parts);
  } catch (e) {
    await Promise.all(stored.map((s) => ctx.storage.remove(s.key)));
    throw e;
  }
  return { id, agencyId: agency.id, trackingCode, receivedOn: receipt.receivedOn, agencyName: agency.name };
}

/**
 * An application submitted on the public form. Online, the day both sides confirm is the day received
 * (条例 Art. 31(三)): the system confirms at once by giving the tracking code, so it is the day of submission.
 */
export async function submitOnline(ctx: Ctx, input: unknown, uploads: Upload[] = [], actor: Actor = { kind: 'public' }): Promise<Created> {
  const data = parseIntake(input);
  const today = ctx.clock.today();
  return insertApplication(
    ctx,
    actor,
    data,
    { channel: 'online', receivedOn: today, reason: '通过互联网提交，系统当即确认并发给查询码，以确认之日为收到申请之日（条例第三十一条第（三）项）' },
    uploads,
    'applicant',
  );
}

const registrationSchema = z.object({
  channel: z.enum(CHANNELS, { error: '请选择申请方式' }),
  /** 当面: submitted; 邮寄: signed for; 平常信函/传真/互联网: confirmed with the applicant */
  date: z.string({ error: '请填写收到日期' }).refine(isIsoDate, '日期格式应为 YYYY-MM-DD'),
});

/** An application received in person, by post or by fax, registered by staff. */
export async function registerApplication(ctx: Ctx, actor: StaffActor, input: unknown, uploads: Upload[] = []): Promise<Created> {
  const data = parseIntake(input);
  const reg = registrationSchema.safeParse(input);
  if (!reg.success) throw badInput('登记信息有误', fieldErrors(reg.error));
  await assertAllowed(ctx.db, actor, 'application.register', data.agencyId);
  if (reg.data.date > ctx.clock.today()) throw badInput('收到日期不能晚于今天', [{ path: 'date', message: '收到日期不能晚于今天' }]);
  const r: ReceiptInput =
    reg.data.channel === 'inPerson'
      ? { channel: 'inPerson', submittedOn: reg.data.date }
      : reg.data.channel === 'post'
        ? { channel: 'post', signedOn: reg.data.date }
        : { channel: reg.data.channel, confirmedOn: reg.data.date };
  const receipt = receiptDate(r);
  return insertApplication(ctx, actor, data, { channel: reg.data.channel, receivedOn: receipt.receivedOn, reason: receipt.reason }, uploads, 'staff');
}

