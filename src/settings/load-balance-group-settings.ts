import { z } from 'zod';
import type { LoadBalanceGroupConfig } from '../config/config.ts';
import { ValidationError } from '../errors/validation-error.ts';
import { describeCredentials } from '../secrets/stored-provider-credentials.ts';
import type { Sourced } from './effective-settings.ts';
import { credentialFieldsSchema, entryNameSchema, nonEmptyText, withoutNulls } from './entry-schemas.ts';

type GroupMember = LoadBalanceGroupConfig['models'][number];

/**
 * `/api/load-balance-groups/` bodies: `{group_id, models: [{model, weight?, credentials?}]}` as in
 * the config file (contract §2). A member's credentials are those of whichever provider serves its
 * model (the router treats them as the request's customer credentials), so their fields cannot be
 * checked here without resolving the model; they are only shaped, and sealed at rest.
 */
const memberSchema = z.strictObject({
  model: nonEmptyText,
  weight: z.number().positive().default(1),
  credentials: credentialFieldsSchema.nullable().optional(),
});

export const loadBalanceGroupCreateSchema = z.strictObject({
  group_id: entryNameSchema,
  models: z.array(memberSchema).min(1).max(100),
});

export const loadBalanceGroupPatchSchema = z.strictObject({
  group_id: entryNameSchema.optional(),
  models: z.array(memberSchema).min(1).max(100).optional(),
});

type MemberInput = z.output<typeof memberSchema>;
export type LoadBalanceGroupCreate = z.output<typeof loadBalanceGroupCreateSchema>;
export type LoadBalanceGroupPatch = z.output<typeof loadBalanceGroupPatchSchema>;

export function groupFromCreate(body: LoadBalanceGroupCreate): LoadBalanceGroupConfig {
  return { groupId: body.group_id, models: body.models.map((member) => buildMember(member, undefined)) };
}

/**
 * PATCH replaces the member list as given, with one exception. Credentials are write-only, so a
 * client that read the group and changed a weight cannot send them back: a member without a
 * `credentials` field keeps the credentials of the member it corresponds to (the same model, by
 * order of appearance, since one model may be listed twice with two keys). `credentials: null`
 * removes them; an object replaces them.
 */
export function groupFromPatch(current: LoadBalanceGroupConfig, patch: LoadBalanceGroupPatch): LoadBalanceGroupConfig {
  if (patch.group_id !== undefined && patch.group_id !== current.groupId) {
    throw new ValidationError({ group_id: ['a group cannot be renamed; create one under the new id and delete this one'] });
  }
  if (patch.models === undefined) return current;
  const previousByModel = new Map<string, GroupMember[]>();
  for (const member of current.models) previousByModel.set(member.model, [...(previousByModel.get(member.model) ?? []), member]);
  const models = patch.models.map((member) => buildMember(member, previousByModel.get(member.model)?.shift()));
  return { groupId: current.groupId, models };
}

function buildMember(input: MemberInput, previous: GroupMember | undefined): GroupMember {
  const credentials = input.credentials === undefined ? previous?.credentials : input.credentials === null ? undefined : withoutNulls(input.credentials);
  const hasCredentials = credentials !== undefined && Object.keys(credentials).length > 0;
  return { model: input.model, weight: input.weight, ...(hasCredentials && { credentials }) };
}

/** Members' credentials are shown only by field name, like a provider's. */
export function presentLoadBalanceGroup(sourced: Sourced<LoadBalanceGroupConfig>) {
  return {
    group_id: sourced.entry.groupId,
    models: sourced.entry.models.map((member) => ({
      model: member.model,
      weight: member.weight,
      credentials: member.credentials === undefined ? null : describeCredentials(member.credentials),
    })),
    source: sourced.source,
  };
}
